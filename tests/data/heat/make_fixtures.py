#!/usr/bin/env python3
"""Writes the heatmap fixtures of tests/suite_heat.sh and tests/unit/test_pickle.c.

Standard library only: numpy-style pickles are produced with stand-in
classes registered under numpy's module names (so the GLOBAL opcodes are
the ones numpy writes), hostile torch pickles by patching a synthetic
synth-small heatmap. Run from the repository root:
    python3 tests/data/heat/make_fixtures.py ../shared/reference/synth-small
"""
import io, os, pickle, pickletools, struct, sys, types

ref = sys.argv[1]
src = os.path.join(ref, 'inputs/gradcam_maps_val',
                   'patient64541_study1_view1_frontal_Edema_map.pkl')
NAME = 'patient1_study1_view1_frontal_Edema_map'

# --- numpy stand-ins ---------------------------------------------------------
np = types.ModuleType('numpy'); core = types.ModuleType('numpy.core')
ma = types.ModuleType('numpy.core.multiarray')
sys.modules.update({'numpy': np, 'numpy.core': core, 'numpy.core.multiarray': ma})

def _reconstruct(*a): pass
_reconstruct.__module__ = 'numpy.core.multiarray'
ma._reconstruct = _reconstruct

class dtype:
    def __init__(self, s, order='<'): self.s, self.order = s, order
    def __reduce__(self):
        return (dtype, (self.s, False, True), (3, self.order, None, None, None, -1, -1, 0))
dtype.__module__ = 'numpy'; np.dtype = dtype

class ndarray:
    def __init__(self, shape, dt, raw, fortran=False):
        self.shape, self.dt, self.raw, self.fortran = shape, dt, raw, fortran
    def __reduce__(self):
        return (_reconstruct, (ndarray, (0,), b'b'),
                (1, self.shape, self.dt, self.fortran, self.raw))
ndarray.__module__ = 'numpy'; np.ndarray = ndarray

def f32(vals): return struct.pack('<%df' % len(vals), *vals)

# 3x4 map, values 0..11; C order
MAP = [float(i) for i in range(12)]
def np_dict(arr):
    return {'map': arr, 'prob': 0.25, 'task': 'Edema', 'gt': 1, 'cxr_dims': (8, 6)}

def put(folder, name, data, ext='.pkl'):
    d = os.path.join(folder)
    os.makedirs(d, exist_ok=True)
    with open(os.path.join(d, name + ext), 'wb') as f:
        f.write(data)

good = 'tests/data/heat'
put(good + '/np_p2', NAME, pickle.dumps(np_dict(ndarray((1, 1, 3, 4), dtype('f4'), f32(MAP))), protocol=2))
put(good + '/np_p4', NAME, pickle.dumps(np_dict(ndarray((3, 4), dtype('f8'),
    struct.pack('<12d', *MAP))), protocol=4))
# Fortran order, big-endian float32: same logical map
fort = [MAP[r * 4 + c] for c in range(4) for r in range(3)]
put(good + '/np_fortran_be', NAME, pickle.dumps(np_dict(ndarray((3, 4), dtype('f4', '>'),
    struct.pack('>12f', *fort), True)), protocol=3))

# a 16-bit grayscale PNG heatmap, 2x3: 0, 65535, 32768 / 1, 2, 3
import zlib
def png16(w, h, vals):
    raw = b''.join(b'\0' + b''.join(struct.pack('>H', vals[y * w + x]) for x in range(w))
                   for y in range(h))
    def chunk(t, d):
        return struct.pack('>I', len(d)) + t + d + struct.pack('>I', zlib.crc32(t + d) & 0xffffffff)
    return (b'\x89PNG\r\n\x1a\n' + chunk(b'IHDR', struct.pack('>IIBBBBB', w, h, 16, 0, 0, 0, 0))
            + chunk(b'IDAT', zlib.compress(raw)) + chunk(b'IEND', b''))
put(good + '/png16', NAME, png16(3, 2, [0, 65535, 32768, 1, 2, 3]), '.png')

bad = 'tests/bad/heat'
# os.system through GLOBAL (protocol 2) and builtins.eval through STACK_GLOBAL (4)
put(bad + '/os_system', NAME,
    b'\x80\x02}q\x00X\x03\x00\x00\x00mapq\x01cos\nsystem\nq\x02'
    b'X\x02\x00\x00\x00idq\x03\x85q\x04Rq\x05s.')
put(bad + '/eval_p4', NAME,
    b'\x80\x04}\x94\x8c\x03map\x94\x8c\x08builtins\x94\x8c\x04eval\x94\x93\x94'
    b'\x8c\x011\x94\x85\x94R\x94s.')
# NEWOBJ of an arbitrary class
put(bad + '/newobj', NAME, b'\x80\x02ccollections\nOrderedDict\n)\x81.')
# a BINBYTES claiming 4 GB
put(bad + '/huge_bytes', NAME, b'\x80\x03}X\x03\x00\x00\x00mapB\xf0\xff\xff\xffab.')
# a BINBYTES8 claiming 2^63
put(bad + '/huge_bytes8', NAME, b'\x80\x04}\x8c\x03map\x8e' + struct.pack('<Q', 1 << 63) + b'.')
# not a dict
put(bad + '/not_dict', NAME, pickle.dumps([1, 2, 3], protocol=2))
# numpy array of complex numbers
put(bad + '/wrong_dtype', NAME, pickle.dumps(np_dict(ndarray((3, 4), dtype('c8'), b'\0' * 96)), protocol=2))
# numpy array whose data is shorter than its shape
put(bad + '/short_array', NAME, pickle.dumps(np_dict(ndarray((300, 400), dtype('f4'), f32(MAP))), protocol=2))
# memo reference to nothing
put(bad + '/memo', NAME, b'\x80\x02}h\x07.')

# --- hostile variants of a real (synthetic) torch pickle -------------------
raw = open(src, 'rb').read()
put(bad + '/truncated', NAME, raw[:len(raw) // 2])
ops = list(pickletools.genops(raw))
# the map tensor's size tuple (1, 1, 10, 10): the first BININT1 10 after the first BINBYTES
first_bytes = next(i for i, (op, a, p) in enumerate(ops) if op.name == 'BINBYTES')
k = next(i for i in range(first_bytes, len(ops)) if ops[i][0].name == 'BININT1' and ops[i][1] == 10)
pos = ops[k][2]
put(bad + '/tensor_past_storage', NAME, raw[:pos + 1] + bytes([200]) + raw[pos + 2:])
# the storage's element count in the legacy stream (after the key list) made huge
bb = ops[first_bytes]
data_start = bb[2] + 5
inner = bb[1]
q = 0
for _ in range(5):
    q += list(pickletools.genops(io.BytesIO(inner[q:])))[-1][2] + 1
cnt = data_start + q
put(bad + '/storage_count', NAME, raw[:cnt] + struct.pack('<q', 1 << 60) + raw[cnt + 8:])
# a bad magic number
mg = data_start + 4
put(bad + '/bad_magic', NAME, raw[:mg] + b'\x00' + raw[mg + 1:])
# bad .npy files
hdr = b"{'descr': '<c8', 'fortran_order': False, 'shape': (3, 4), }"
hdr += b' ' * (63 - len(hdr) - 10) + b'\n'
put(bad + '/npy_complex', NAME, b'\x93NUMPY\x01\x00' + struct.pack('<H', len(hdr)) + hdr + b'\0' * 48, '.npy')
hdr = b"{'descr': '<f4', 'fortran_order': False, 'shape': (100000, 100000), }"
hdr += b' ' * (127 - len(hdr) - 10) + b'\n'
put(bad + '/npy_huge', NAME, b'\x93NUMPY\x01\x00' + struct.pack('<H', len(hdr)) + hdr + b'\0' * 48, '.npy')
