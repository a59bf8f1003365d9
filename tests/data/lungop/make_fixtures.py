#!/usr/bin/env python3
"""Writes tests/data/lungop: heatmaps named with CheXpert's "Lung Opacity"
beside "Airspace Opacity" ones, and the reference pipeline's outputs on them.

maps/ (pickle.dump of a dict, protocol 2, torch float32 maps (1, 1, 3, 4),
cxr_dims (8, 6), a float 'prob'):
  a_..._Airspace Opacity  map 0..11          a_..._Lung Opacity  map 11..0
  b_..._Lung Opacity      map 0..11 (alone)  b_..._Edema         map 0..11
  c_..._Airspace Opacity  map 11..0
gt.json: every pathology of a, b, c (8x6); Airspace Opacity the right half,
the rest empty. Expected: ../shared/tools/refrun.sh maps gt.json OUT (the
reference scripts, Debian's python3-torch), of which kept here:
  expected_otsu.json (heatmap_to_segmentation.py), expected_tuning_results.csv
  and expected_probability_tuning_results.csv (tune_*.py),
  expected_hitmiss_results_per_cxr.csv (eval.py --metric hitmiss).
Run from the repository root:
    /usr/bin/python3 tests/data/lungop/make_fixtures.py ../shared
"""
import json, os, pickle, shutil, subprocess, sys, tempfile
import numpy as np, torch

shared = os.path.abspath(sys.argv[1])
here = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(shared, 'reference/cheXlocalize'))
from pycocotools import mask as cmask
from eval_constants import LOCALIZATION_TASKS

maps = os.path.join(here, 'maps')
shutil.rmtree(maps, ignore_errors=True)
os.makedirs(maps)
up = torch.arange(12, dtype=torch.float32).reshape(1, 1, 3, 4)
down = torch.flip(up, [3])
for cxr, task, m, prob in [('a', 'Airspace Opacity', up, 0.8), ('a', 'Lung Opacity', down, 0.2),
                           ('b', 'Lung Opacity', up, 0.9), ('b', 'Edema', up, 0.5),
                           ('c', 'Airspace Opacity', down, 0.6)]:
    with open(os.path.join(maps, f'{cxr}_study1_view1_frontal_{task}_map.pkl'), 'wb') as f:
        pickle.dump({'map': m, 'prob': prob, 'task': task, 'gt': 1, 'cxr_dims': (8, 6)}, f,
                    protocol=2)
right = np.zeros((6, 8), dtype=np.uint8); right[:, 4:] = 1
gt = {}
for cxr in 'abc':
    gt[f'{cxr}_study1_view1_frontal'] = {}
    for t in LOCALIZATION_TASKS:
        m = right if t == 'Airspace Opacity' else np.zeros((6, 8), dtype=np.uint8)
        r = cmask.encode(np.asfortranarray(m)); r['counts'] = r['counts'].decode()
        gt[f'{cxr}_study1_view1_frontal'][t] = r
with open(os.path.join(here, 'gt.json'), 'w') as f:
    json.dump(gt, f)
out = tempfile.mkdtemp()
subprocess.run([os.path.join(shared, 'tools/refrun.sh'), maps, os.path.join(here, 'gt.json'), out],
               check=True)
for src, dst in [('otsu.json', 'expected_otsu.json'),
                 ('tune/tuning_results.csv', 'expected_tuning_results.csv'),
                 ('tune/probability_tuning_results.csv', 'expected_probability_tuning_results.csv'),
                 ('hitmiss/hitmiss_results_per_cxr.csv', 'expected_hitmiss_results_per_cxr.csv')]:
    shutil.copy(os.path.join(out, src), os.path.join(here, dst))
shutil.rmtree(out)
