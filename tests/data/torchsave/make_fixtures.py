#!/usr/bin/env python3
"""Writes tests/data/torchsave: one heatmap dict saved the three ways, and
the reference's segmentation of the form it can read.

The dict: 'map' a (1, 1, 3, 4) float32 view at storage offset 12 of a
24-element storage that 'cxr_img' (2, 3, 4) shares, 'prob' a 14-element
float32 tensor, 'task' 'Edema', 'gt' 1, 'cxr_dims' (8, 6).
  pickle/   pickle.dump(d, protocol=2): the official form
  zip/      torch.save(d): the zip form (stored entries, torch >= 1.6)
  legacy/   torch.save(d, _use_new_zipfile_serialization=False)
  bad_deflated/  zip/'s file rewritten with zipfile.ZIP_DEFLATED (refused)
  bad_truncated/ zip/'s file cut to its first 300 bytes (refused)
  bad_short_storage/ zip/ with data/0 cut to 40 bytes (refused)
  bad_legacy_cut/ legacy/'s file without its last 20 bytes (refused)
  bad_global/    a stored zip whose data.pkl calls os.system (refused)
The reference's scripts load heatmaps with pickle.load and cannot read
torch.save files; chexplore reads them as the official form:
expected_segment.json is heatmap_to_segmentation.py --map_dir pickle/.
Made with Debian's python3-torch (1.13):
    /usr/bin/python3 tests/data/torchsave/make_fixtures.py ../shared/reference/cheXlocalize
"""
import os, pickle, shutil, subprocess, sys, zipfile
import torch

ref = os.path.abspath(sys.argv[1])
here = os.path.dirname(os.path.abspath(__file__))
NAME = 'p1_study1_view1_frontal_Edema_map.pkl'
big = torch.arange(24, dtype=torch.float32)
d = {'map': big[12:].reshape(1, 1, 3, 4), 'cxr_img': big.reshape(2, 3, 4),
     'prob': torch.full((14,), 0.7, dtype=torch.float32), 'task': 'Edema', 'gt': 1,
     'cxr_dims': (8, 6)}

def folder(name):
    p = os.path.join(here, name)
    shutil.rmtree(p, ignore_errors=True)
    os.makedirs(p)
    return os.path.join(p, NAME)

with open(folder('pickle'), 'wb') as f:
    pickle.dump(d, f, protocol=2)
torch.save(d, folder('zip'))
torch.save(d, folder('legacy'), _use_new_zipfile_serialization=False)
with zipfile.ZipFile(os.path.join(here, 'zip', NAME)) as zin, \
     zipfile.ZipFile(folder('bad_deflated'), 'w', zipfile.ZIP_DEFLATED) as zout:
    for i in zin.infolist():
        zout.writestr(i.filename, zin.read(i.filename))
with zipfile.ZipFile(os.path.join(here, 'zip', NAME)) as zin, \
     zipfile.ZipFile(folder('bad_short_storage'), 'w', zipfile.ZIP_STORED) as zout:
    for i in zin.infolist():
        data = zin.read(i.filename)
        zout.writestr(i.filename, data[:40] if i.filename.endswith('/data/0') else data)
with open(os.path.join(here, 'legacy', NAME), 'rb') as f:
    legacy = f.read()
with open(folder('bad_legacy_cut'), 'wb') as f:
    f.write(legacy[:-20])
with zipfile.ZipFile(folder('bad_global'), 'w', zipfile.ZIP_STORED) as zout:
    zout.writestr('x/data.pkl', b"\x80\x02cos\nsystem\nq\x00X\x02\x00\x00\x00lsq\x01\x85R.")
with open(os.path.join(here, 'zip', NAME), 'rb') as f:
    head = f.read(300)
with open(folder('bad_truncated'), 'wb') as f:
    f.write(head)
r = subprocess.run(['/usr/bin/python3', 'heatmap_to_segmentation.py', '--map_dir',
                    os.path.join(here, 'pickle'), '--output_path',
                    os.path.join(here, 'expected_segment.json')], cwd=ref,
                   capture_output=True, text=True)
assert r.returncode == 0, r.stderr
