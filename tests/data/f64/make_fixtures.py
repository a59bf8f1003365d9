#!/usr/bin/env python3
"""Writes tests/data/f64: heatmaps whose 'map' is a float64 tensor, chosen so
that computing them in float32 gives a different answer, and the reference's
own results on them (it computes a float64 tensor in float64 throughout).

maps/: 12 CXRs, one pathology each (pickle.dump of the official dict,
  protocol 2; 'map' a (1, 1, h, w) float64 tensor, 'prob' a 14-element
  float32 tensor, 'cxr_dims' small odd sizes). Picked from seeded random
  candidates (numpy default_rng(64)): 6 whose Otsu mask differs between the
  map and its float32 copy (cam_to_segmentation of the reference on both),
  3 whose threshold-0.5 mask differs, 3 whose first maximum (np.argmax of the
  resized map) differs — two cells tied in float32 but not in float64.
gt.json: per CXR a rectangle holding the float64 maximum and not the float32
  one where they differ (so hit/miss differs too), else a fixed rectangle.
thresholds.csv: 0.5 for every pathology.
Expected, written by the reference scripts run unmodified:
  expected_otsu.json     heatmap_to_segmentation.py --map_dir maps
  expected_thr.json      the same with --threshold_path thresholds.csv
  expected_hitmiss.csv   eval.py's get_hitrates (the hit/miss of each CXR, keyed
                         by its id: eval.py's own CSV labels rows by position,
                         which pandas reorders here — a difference the man page
                         states)
  expected_tune.csv      tune_heatmap_threshold.py (tuning_results.csv)
Run from the repository root with Debian's python3-torch (1.13):
    /usr/bin/python3 tests/data/f64/make_fixtures.py ../shared/reference/cheXlocalize
"""
import json, os, pickle, shutil, subprocess, sys, tempfile
import numpy as np, torch
import torch.nn.functional as F

ref = os.path.abspath(sys.argv[1])
here = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, ref)
from pycocotools import mask as cmask  # the reference's stand-in
from heatmap_to_segmentation import cam_to_segmentation

TASKS = ['Airspace Opacity', 'Atelectasis', 'Cardiomegaly', 'Consolidation', 'Edema',
         'Enlarged Cardiomediastinum', 'Lung Lesion', 'Pleural Effusion', 'Pneumothorax',
         'Support Devices']
rng = np.random.default_rng(64)


def resized(m, w, h):
    t = torch.from_numpy(m).reshape(1, 1, *m.shape)
    return F.interpolate(t, size=(h, w), mode='bilinear', align_corners=False)


def differs(m, w, h, thr):
    a = cam_to_segmentation(resized(m, w, h), threshold=thr)
    b = cam_to_segmentation(resized(m.astype(np.float32), w, h), threshold=thr)
    return int((a != b).sum())


def argmax(m, w, h):
    s = resized(m, w, h).squeeze().numpy()
    return np.unravel_index(np.argmax(s, axis=None), s.shape)


chosen = []   # (kind, map, w, h)
want = {'otsu': 6, 'thr': 3, 'argmax': 3}
tries = 0
while any(want.values()) and tries < 4000:
    tries += 1
    w, h = int(rng.integers(200, 420)), int(rng.integers(200, 420))
    m = rng.random((10, 10)) * float(rng.choice([1.0, 7e-3, 13.0]))
    if want['argmax']:
        # two maxima tied in float32, the later one larger in float64
        m[2, 3] = m.max() + 0.1
        m[7, 6] = m[2, 3] + m[2, 3] * 2.0 ** -40
        a64, a32 = argmax(m, w, h), argmax(m.astype(np.float32), w, h)
        if a64 != a32:
            chosen.append(('argmax', m, w, h))
            want['argmax'] -= 1
        continue
    if want['otsu'] and differs(m, w, h, np.nan):
        chosen.append(('otsu', m, w, h))
        want['otsu'] -= 1
    elif want['thr'] and differs(m, w, h, 0.5):
        chosen.append(('thr', m, w, h))
        want['thr'] -= 1
assert not any(want.values()), (want, tries)

maps = os.path.join(here, 'maps')
shutil.rmtree(maps, ignore_errors=True)
os.makedirs(maps)
gt = {}
for i, (kind, m, w, h) in enumerate(chosen):
    task = TASKS[i % len(TASKS)]
    cid = f'{kind}{i}_study1_view1_frontal'
    d = {'map': torch.from_numpy(m.copy()).reshape(1, 1, 10, 10),
         'prob': torch.full((14,), 0.6, dtype=torch.float32), 'task': task, 'gt': 1,
         'cxr_dims': (w, h)}
    with open(os.path.join(maps, f'{cid}_{task}_map.pkl'), 'wb') as f:
        pickle.dump(d, f, protocol=2)
    mask = np.zeros((h, w), dtype=np.uint8)
    y64, x64 = argmax(m, w, h)
    y32, x32 = argmax(m.astype(np.float32), w, h)
    if (y64, x64) != (y32, x32):
        # a box around the float64 point that leaves the float32 one out
        # (Chebyshev distance D between them: half-size D - 1 leaves it out)
        r = min(max(abs(int(y64) - int(y32)), abs(int(x64) - int(x32))) - 1, 20)
        mask[max(0, y64 - r):y64 + r + 1, max(0, x64 - r):x64 + r + 1] = 1
        assert mask[y64, x64] and not mask[y32, x32]
    else:
        mask[h // 4:h // 2, w // 3:2 * w // 3] = 1
    entry = {}
    for t in TASKS:
        mm = mask if t == task else np.zeros((h, w), dtype=np.uint8)
        e = cmask.encode(np.asfortranarray(mm))
        e['counts'] = e['counts'].decode()
        entry[t] = e
    gt[cid] = entry
with open(os.path.join(here, 'gt.json'), 'w') as f:
    json.dump(gt, f)
with open(os.path.join(here, 'thresholds.csv'), 'w') as f:
    f.write('threshold,task\n' + ''.join(f'0.5,{t}\n' for t in TASKS))


def ref_run(*args):
    r = subprocess.run(['/usr/bin/python3'] + list(args), cwd=ref, capture_output=True, text=True)
    assert r.returncode == 0, r.stderr
    return r


ref_run('heatmap_to_segmentation.py', '--map_dir', maps,
        '--output_path', os.path.join(here, 'expected_otsu.json'))
ref_run('heatmap_to_segmentation.py', '--map_dir', maps, '--threshold_path',
        os.path.join(here, 'thresholds.csv'), '--output_path', os.path.join(here, 'expected_thr.json'))
with tempfile.TemporaryDirectory() as tmp:
    sys.path.insert(0, ref)
    cwd = os.getcwd()
    os.chdir(ref)
    import eval as reference_eval
    df, _ = reference_eval.get_hitrates(os.path.join(here, 'gt.json'), maps)
    os.chdir(cwd)
    df.sort_index().to_csv(os.path.join(here, 'expected_hitmiss.csv'), index_label='img_id')
    ref_run('tune_heatmap_threshold.py', '--map_dir', maps, '--gt_path',
            os.path.join(here, 'gt.json'), '--save_dir', tmp)
    shutil.copy(os.path.join(tmp, 'tuning_results.csv'), os.path.join(here, 'expected_tune.csv'))
print('picked after', tries, 'candidates:', [c[0] for c in chosen])
