#!/usr/bin/env python3
"""Writes tests/data/probcut: one CXR per form of 'prob', each equal to a
probability cutoff in float32 but not in float64, and the reference's results.

Heatmaps (torch.save-free: pickle.dump of a dict, protocol 2, as the
reference's own pipeline writes them) hold a 3x4 float32 map 0..11, task
Edema, cxr_dims (8, 6), and 'prob' as:
  pyfloat   float(np.float32(P))            np32      np.float32(P)
  np64      np.float64(np.float32(P))       np0d      np.array(np.float32(P))
  np1       np.array([np.float32(P)])       t1        torch.tensor([P]) (float32)
  t14       torch.full((14,), P) (float32)  t14f64    float64 copy of t14
  t0d       torch.tensor(P) (0-d; the reference stops: .size()[0] of a 0-d
            tensor raises IndexError, so it is kept apart in t0d/)
segment/: P = 0.7, prob_cutoffs.csv gives Edema the cutoff 0.7 (float64);
  expected_segment.json is heatmap_to_segmentation.py's output
  (`pred_prob < prob_cutoff`); expected_segment_t0d.txt its error on t0d/.
tune/: P = 0.3 (float32 0.30000001192...), the reference's cutoff
  np.arange(0,.9,.1)[3] = 0.30000000000000004; gt.json holds each CXR's Otsu
  mask (an IoU of 1 where kept, 0 where empty); expected_tune.csv is
  tune_probability_threshold.py's probability_tuning_results.csv (`pred_prob >
  cutoff`; rows of the nine absent pathologies are NaN).
Run from the repository root with Debian's python3-torch:
    /usr/bin/python3 tests/data/probcut/make_fixtures.py ../shared/reference/cheXlocalize
"""
import json, os, pickle, shutil, subprocess, sys
import numpy as np, torch

ref = os.path.abspath(sys.argv[1])
here = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, ref)
from pycocotools import mask as cmask  # the reference's stand-in

def forms(p):
    f = np.float32(p)
    t14 = torch.full((14,), float(f), dtype=torch.float32)
    return {'pyfloat': float(f), 'np32': f, 'np64': np.float64(f), 'np0d': np.array(f),
            'np1': np.array([f]), 't1': torch.tensor([float(f)]), 't14': t14,
            't14f64': t14.double()}

def write(folder, probs):
    shutil.rmtree(folder, ignore_errors=True)
    os.makedirs(folder)
    for i, (name, prob) in enumerate(probs.items()):
        d = {'map': torch.arange(12, dtype=torch.float32).reshape(1, 1, 3, 4),
             'prob': prob, 'task': 'Edema', 'gt': 1, 'cxr_dims': (8, 6)}
        # the patient id names the form, so that a failure says which
        with open(os.path.join(folder, f'{name}_study1_view1_frontal_Edema_map.pkl'), 'wb') as fp:
            pickle.dump(d, fp, protocol=2)

def ref_run(*args):
    return subprocess.run(['/usr/bin/python3'] + list(args), cwd=ref, capture_output=True, text=True)

# segment: prob < 0.7
seg = os.path.join(here, 'segment')
write(os.path.join(seg, 'maps'), forms(0.7))
with open(os.path.join(seg, 'prob_cutoffs.csv'), 'w') as f:
    f.write('prob_threshold,mIoU,task\n0.7,0.5,Edema\n')
r = ref_run('heatmap_to_segmentation.py', '--map_dir', os.path.join(seg, 'maps'),
            '--probability_threshold_path', os.path.join(seg, 'prob_cutoffs.csv'),
            '--output_path', os.path.join(seg, 'expected_segment.json'))
assert r.returncode == 0, r.stderr
write(os.path.join(seg, 't0d'), {'t0d': torch.tensor(float(np.float32(0.7)))})
r = ref_run('heatmap_to_segmentation.py', '--map_dir', os.path.join(seg, 't0d'),
            '--probability_threshold_path', os.path.join(seg, 'prob_cutoffs.csv'),
            '--output_path', '/dev/null')
with open(os.path.join(seg, 'expected_segment_t0d.txt'), 'w') as f:
    f.write(f'exit {r.returncode}: {r.stderr.strip().splitlines()[-1]}\n')

# tune: prob > 0.30000000000000004; gt = the Otsu mask (the reference's own)
tun = os.path.join(here, 'tune')
write(os.path.join(tun, 'maps'), forms(0.3))
r = ref_run('heatmap_to_segmentation.py', '--map_dir', os.path.join(tun, 'maps'),
            '--output_path', os.path.join(tun, 'gt.json'))
assert r.returncode == 0, r.stderr
r = ref_run('tune_probability_threshold.py', '--map_dir', os.path.join(tun, 'maps'),
            '--gt_path', os.path.join(tun, 'gt.json'), '--save_dir', tun)
assert r.returncode == 0, r.stderr
os.rename(os.path.join(tun, 'probability_tuning_results.csv'),
          os.path.join(tun, 'expected_tune.csv'))
