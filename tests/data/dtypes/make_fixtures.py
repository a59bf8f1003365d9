#!/usr/bin/env python3
"""Writes tests/data/dtypes: heatmaps whose 'map' is not float32 or float64 —
float16, bfloat16, integer and bool torch tensors, float16 / integer / bool
NumPy arrays inside the pickle, and .npy files of those dtypes — and the
reference's results for the rule chexplore applies to them.

What the reference (torch 1.13) does with each, checked below on every map:
  float16, int8/16/32/64, uint8, bool tensors: F.interpolate raises
      RuntimeError ("upsample_bilinear2d_channels_last" not implemented for
      'Half' / 'Long' / 'Byte' / ...): the reference reads none of them.
  bfloat16 tensors: F.interpolate works, but .numpy() raises TypeError
      ("Got unsupported ScalarType BFloat16"): no mask, no hit/miss either.
  NumPy arrays (in a pickle, or .npy): F.interpolate wants a tensor
      (AttributeError), and the reference does not read .npy at all.
So none can be computed by the reference as it is; chexplore computes each
as the nearest form it reads, the float32 tensor torch's .float() makes of
it (exact for float16, bfloat16, 8/16-bit integers and bool; 32/64-bit
integers rounded once to nearest even). The expected results are the
reference's on exactly that: every map converted with .float()
(torch.from_numpy(a).float() for arrays) into a (1, 1, 10, 10) float32
tensor, written as an official pickle (cxr_dims from the ground truth for
.npy maps, which carry none) in a temporary folder, then:
  expected_otsu.json    heatmap_to_segmentation.py --map_dir TMP (unmodified)
  expected_hitmiss.csv  eval.py's get_hitrates(gt.json, TMP), rows keyed by id
gt.json: per CXR a box around the first maximum of the float32 map resized
  (so hit/miss is 1 where the conversion is right), the other pathologies
  empty.
int64_big: values near 2**60 where converting through a double first (two
  roundings) gives another float32 than .float() does (one): the first
  maximum moves to the other end of the map.
Run from the repository root with Debian's python3-torch (1.13):
    /usr/bin/python3 tests/data/dtypes/make_fixtures.py ../shared/reference/cheXlocalize
"""
import json, os, pickle, shutil, subprocess, sys, tempfile
import numpy as np, torch
import torch.nn.functional as F

ref = os.path.abspath(sys.argv[1])
here = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, ref)
from pycocotools import mask as cmask  # the reference's stand-in

TASKS = ['Airspace Opacity', 'Atelectasis', 'Cardiomegaly', 'Consolidation', 'Edema',
         'Enlarged Cardiomediastinum', 'Lung Lesion', 'Pleural Effusion', 'Pneumothorax',
         'Support Devices']
rng = np.random.default_rng(16)


def values(kind):
    """A 10x10 map of the variant's dtype, as a NumPy array (or torch for bf16)."""
    if kind in ('float16', 'bfloat16'):
        return (rng.random((10, 10)) * 3).astype(np.float32)
    lo, hi = {'int8': (-100, 100), 'uint8': (0, 255), 'int16': (-3000, 3000),
              'int32': (-2 ** 30, 2 ** 30), 'int64': (-2 ** 40, 2 ** 40),
              'bool': (0, 2)}[kind]
    return rng.integers(lo, hi, size=(10, 10))


def int64_big():
    base = 2 ** 60
    m = base + rng.integers(0, 16, size=(10, 10), dtype=np.int64) * 2 ** 38
    x = base + 16 * 2 ** 38
    m[2, 3] = x                    # the maximum in a double-rounded copy
    m[7, 6] = x + 2 ** 36 + 1      # .float(): x + 2**37, the real maximum
    assert torch.from_numpy(m).float()[7, 6] > torch.from_numpy(m).float()[2, 3]
    assert np.float32(np.float64(m[7, 6])) == np.float32(x)
    return m


# (name, form, dtype): form tensor (torch in the pickle), array (NumPy in the
# pickle) or npy (a .npy file)
VARIANTS = [(k, 'tensor', k) for k in ('float16', 'bfloat16', 'int64', 'int32', 'int16',
                                       'int8', 'uint8', 'bool')]
VARIANTS += [('int64_big', 'tensor', 'int64')]
VARIANTS += [('np_' + k, 'array', k) for k in ('float16', 'int64', 'uint8', 'bool')]
VARIANTS += [('npy_' + k, 'npy', k) for k in ('float16', 'int64', 'uint8', 'bool')]
VARIANTS += [('npy_int64_big', 'npy', 'int64')]
NP = {'float16': np.float16, 'int64': np.int64, 'int32': np.int32, 'int16': np.int16,
      'int8': np.int8, 'uint8': np.uint8, 'bool': np.bool_}
TD = {'float16': torch.float16, 'bfloat16': torch.bfloat16, 'int64': torch.int64,
      'int32': torch.int32, 'int16': torch.int16, 'int8': torch.int8, 'uint8': torch.uint8,
      'bool': torch.bool}


def resized(t, w, h):
    return F.interpolate(t, size=(h, w), mode='bilinear', align_corners=False)


maps = os.path.join(here, 'maps')
shutil.rmtree(maps, ignore_errors=True)
os.makedirs(maps)
tmp = tempfile.mkdtemp()
gt = {}
for i, (name, form, dt) in enumerate(VARIANTS):
    task = TASKS[i % len(TASKS)]
    cid = f'{name.replace("_", "")}_study1_view1_frontal'
    w, h = int(rng.integers(200, 420)), int(rng.integers(200, 420))
    v = int64_big() if name.endswith('int64_big') else values(dt)
    if dt == 'bfloat16':
        orig = torch.from_numpy(v).to(torch.bfloat16).reshape(1, 1, 10, 10)
    else:
        a = v.astype(NP[dt])
        orig = torch.from_numpy(a).reshape(1, 1, 10, 10) if form == 'tensor' else a.reshape(1, 1, 10, 10)
    f32 = (orig if torch.is_tensor(orig) else torch.from_numpy(orig)).float()
    # the reference cannot read the original
    try:
        r = resized(orig, w, h)
        r.squeeze().numpy()
        raise SystemExit(f'{name}: the reference reads it')
    except (RuntimeError, TypeError, AttributeError):
        pass
    prob = torch.full((14,), 0.6, dtype=torch.float32)
    base = f'{cid}_{task}_map'
    if form == 'npy':
        np.save(os.path.join(maps, base + '.npy'), orig)
    else:
        with open(os.path.join(maps, base + '.pkl'), 'wb') as f:
            pickle.dump({'map': orig, 'prob': prob, 'task': task, 'gt': 1, 'cxr_dims': (w, h)},
                        f, protocol=2)
    with open(os.path.join(tmp, base + '.pkl'), 'wb') as f:
        pickle.dump({'map': f32, 'prob': prob, 'task': task, 'gt': 1, 'cxr_dims': (w, h)},
                    f, protocol=2)
    s = resized(f32, w, h).squeeze().numpy()
    y, x = np.unravel_index(np.argmax(s, axis=None), s.shape)
    mask = np.zeros((h, w), dtype=np.uint8)
    mask[max(0, y - 6):y + 7, max(0, x - 6):x + 7] = 1
    entry = {}
    for t in TASKS:
        e = cmask.encode(np.asfortranarray(mask if t == task else np.zeros((h, w), np.uint8)))
        e['counts'] = e['counts'].decode()
        entry[t] = e
    gt[cid] = entry
with open(os.path.join(here, 'gt.json'), 'w') as f:
    json.dump(gt, f)
r = subprocess.run(['/usr/bin/python3', 'heatmap_to_segmentation.py', '--map_dir', tmp,
                    '--output_path', os.path.join(here, 'expected_otsu.json')],
                   cwd=ref, capture_output=True, text=True)
assert r.returncode == 0, r.stderr
os.chdir(ref)
import eval as reference_eval
df, _ = reference_eval.get_hitrates(os.path.join(here, 'gt.json'), tmp)
df.sort_index().to_csv(os.path.join(here, 'expected_hitmiss.csv'), index_label='img_id')
shutil.rmtree(tmp)
print(len(VARIANTS), 'variants')
