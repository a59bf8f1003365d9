#!/usr/bin/python3
"""Writes the inputs of the model-assurance checks in tests/suite_regress_ma.sh.

Needs the reference stack (Debian's python3 with numpy and torch). Run from
the repository root:
    /usr/bin/python3 tests/data/regress_ma/make_fixtures.py
It writes, deterministically (random.Random(8)):
  maps/    10 CXRs x 10 pathologies of heatmap pickles with 4x4 float32 NumPy
           maps; 'prob' is a Python float, a NumPy float64 scalar or a
           14-element float32 torch tensor (CheXpert order), in turns; one
           probability is shared by two CXRs (a tie); patient90010 has no row
           in the result CSVs (ignored).
  iou_results_per_cxr.csv      9 CXRs, IoU-like values with ties at 0
  hitmiss_results_per_cxr.csv  9 CXRs, 0/1/NaN; Edema has only misses among
           its non-NaN values, Support Devices only misses and no NaN
  edge4_results_per_cxr.csv    4 CXRs: Airspace Opacity = the probability,
           Atelectasis = minus it, Cardiomegaly = 1, the rest missing
  edge3_results_per_cxr.csv    3 CXRs: Airspace Opacity = the probability
           (these two are where the reference stops: atanh(+-1), n <= 3; the
           suite checks chexplore's answers, derived by hand)
  ../../bad/regress/noprob/    one pickle without 'prob'
The expected outputs expected_regression_modelprob_{iou,hitmiss}.csv were
produced by the reference script regression_model_assurance.py (the
rajpurkarlab/cheXlocalize version, whose only change is float() on a
probability taken from a tensor, where it crashes otherwise) with SciPy
1.10.1, statsmodels 0.13.5, pandas 1.5.3, NumPy 1.24.2:
    python3 regression_model_assurance.py --metric iou \\
        --map_dir tests/data/regress_ma/maps \\
        --pred_results tests/data/regress_ma/iou_results_per_cxr.csv --save_dir OUT
(and the same with hitmiss), then renamed with the expected_ prefix.
"""
import math, os, pickle, random
import numpy as np
import torch

TASKS = sorted(["Enlarged Cardiomediastinum", "Cardiomegaly", "Lung Lesion",
    "Airspace Opacity", "Edema", "Consolidation", "Atelectasis", "Pneumothorax",
    "Pleural Effusion", "Support Devices"])
CHEXPERT = ["No Finding", "Enlarged Cardiomediastinum", "Cardiomegaly", "Lung Lesion",
    "Airspace Opacity", "Edema", "Consolidation", "Pneumonia", "Atelectasis",
    "Pneumothorax", "Pleural Effusion", "Pleural Other", "Fracture", "Support Devices"]
top = 'tests/data/regress_ma'
rng = random.Random(8)
ids = ['patient%05d_study1_view1_frontal' % (90001 + i) for i in range(10)]
os.makedirs(top + '/maps', exist_ok=True)
prob = {}
k = 0
for i in ids:
    for t in TASKS:
        p = round(rng.random(), 6)
        if i == ids[3] and t == 'Cardiomegaly':
            p = prob[(ids[1], t)]          # a tie in the probabilities
        m = np.array([[rng.random() for _ in range(4)] for _ in range(4)], dtype=np.float32)
        kind = k % 3
        k += 1
        if kind == 0:
            pv = p
        elif kind == 1:
            pv = np.float64(p)
        else:
            v = torch.tensor([rng.random() for _ in range(14)], dtype=torch.float32)
            v[CHEXPERT.index(t)] = p
            pv = v
            p = float(v[CHEXPERT.index(t)])   # the float32 value
        prob[(i, t)] = p
        d = {'map': m, 'prob': pv, 'task': t, 'gt': 0, 'cxr_dims': (8, 8)}
        with open('%s/maps/%s_%s_map.pkl' % (top, i, t), 'wb') as f:
            pickle.dump(d, f, protocol=3)

def write(name, val):
    with open('%s/%s' % (top, name), 'w') as f:
        f.write(','.join(TASKS) + ',img_id\n')
        for i in ids[:9]:
            vs = [val(i, t) for t in TASKS]
            f.write(','.join('' if math.isnan(v) else repr(v) for v in vs) + ',' + i + '\n')

def iou(i, t):
    v = prob[(i, t)] * 0.7 + rng.random() * 0.4 - 0.25
    return 0.0 if v < 0 else round(v, 12)

def hit(i, t):
    if t == 'Support Devices':
        return 0.0
    if t == 'Atelectasis' and i == ids[0]:
        return 0.0      # no constant nonzero column (see the man page)
    if rng.random() < 0.35 and not (t == 'Edema' and i in ids[:3]):
        return math.nan
    if t == 'Edema':
        return 0.0
    return 1.0 if rng.random() < prob[(i, t)] else 0.0

write('iou_results_per_cxr.csv', iou)
write('hitmiss_results_per_cxr.csv', hit)

def write_rows(name, rows, val):
    with open('%s/%s' % (top, name), 'w') as f:
        f.write(','.join(TASKS) + ',img_id\n')
        for i in rows:
            vs = [val(i, t) for t in TASKS]
            f.write(','.join('' if math.isnan(v) else repr(v) for v in vs) + ',' + i + '\n')

def edge(i, t):
    return {'Airspace Opacity': prob[(i, t)], 'Atelectasis': -prob[(i, t)],
            'Cardiomegaly': 1.0}.get(t, math.nan)

write_rows('edge4_results_per_cxr.csv', ids[:4], edge)
write_rows('edge3_results_per_cxr.csv', ids[:3],
           lambda i, t: prob[(i, t)] if t == 'Airspace Opacity' else math.nan)

bad = 'tests/bad/regress/noprob'
os.makedirs(bad, exist_ok=True)
with open('%s/%s_Edema_map.pkl' % (bad, ids[0]), 'wb') as f:
    pickle.dump({'map': np.zeros((4, 4), dtype=np.float32), 'task': 'Edema',
                 'gt': 0, 'cxr_dims': (8, 8)}, f, protocol=3)
