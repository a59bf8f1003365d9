#!/usr/bin/env python3
"""Writes the hostile files of tests/suite_hostile.sh (standard library only).
Ids and sizes match `chexplore demo --count 1` (seed 0): one CXR
patient64541_study1_view1_frontal of 1045x1069 px. Run from the repository root:
    python3 tests/bad/hostile/make_fixtures.py
"""
import json, os, struct, zlib

D = 'tests/bad/hostile'
P = 'patient64541_study1_view1_frontal'
TASKS = ['Enlarged Cardiomediastinum', 'Cardiomegaly', 'Lung Lesion', 'Airspace Opacity',
         'Edema', 'Consolidation', 'Atelectasis', 'Pneumothorax', 'Pleural Effusion',
         'Support Devices']
H, W = 1045, 1069

def put(name, data):
    if isinstance(data, str):
        data = data.encode('utf-8', 'surrogateescape')
    path = os.path.join(D, name)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, 'wb') as f:
        f.write(data)

def seg(id_=P, h=H, w=W, counts=None, tasks=TASKS):
    c = counts if counts is not None else [h * w]
    return json.dumps({id_: {t: {'size': [h, w], 'counts': c} for t in tasks}})

good_seg = seg()
# --- segmentation JSON -------------------------------------------------------
put('seg/truncated.json', good_seg[:len(good_seg) // 2])
put('seg/not_json.json', 'PK\x03\x04 this is a zip, not JSON')
put('seg/empty.json', '')
put('seg/top_array.json', '[1, 2, 3]')
put('seg/counts_number.json', seg(counts=5))
put('seg/counts_sum.json', seg(counts=[1, 2, 3]))
put('seg/counts_negative.json', seg(counts=[-5, H * W + 5]))
put('seg/counts_float.json', seg(counts=[0.5, H * W - 0.5]))
put('seg/size_negative.json', seg(h=-H, counts=[H * W]))
put('seg/size_huge.json', seg(h=100000, w=100000, counts=[10 ** 10]))
put('seg/size_side.json', seg(h=40000, w=1, counts=[40000]))
put('seg/size_float.json', seg(h=1045.5, counts=[H * W]))
put('seg/size_string.json', json.dumps({P: {t: {'size': '1045x1069', 'counts': [H * W]} for t in TASKS}}))
put('seg/size_disagree.json', seg(h=4, w=4, counts=[16]))
put('seg/rle_bad_char.json', seg(counts='\u0001\u0002\u0003'))
put('seg/rle_overflow.json', seg(counts='o' * 20 + '0'))
put('seg/id_control.json', seg(id_='patient64541\x1b[2J\x07_study1_view1_frontal'))
put('seg/id_dotdot.json', seg(id_='../../../tmp/evil'))
put('seg/id_slash.json', seg(id_='patient1/study1/view1_frontal'))
put('seg/unknown_task.json', json.dumps({P: {'Evil\x1b]0;x\x07': {'size': [H, W], 'counts': [H * W]}}}))
put('seg/deep.json', '[' * 20000 + ']' * 20000)
put('seg/deep_obj.json', '{"a":' * 5000 + '1' + '}' * 5000)
put('seg/nul_byte.json', good_seg[:40] + '\x00' + good_seg[40:])
put('seg/bad_utf8.json', good_seg.replace(P, 'patient\udcff\udcfe_study1_view1_frontal', 1))

# --- annotation JSON ---------------------------------------------------------
poly = [[10.0, 10.0], [100.0, 10.0], [100.0, 100.0]]
def ann(id_=P, size=None, polys=None, extra=None):
    d = {'img_size': size if size is not None else [H, W], 'Cardiomegaly': polys if polys is not None else [poly]}
    if extra:
        d.update(extra)
    return json.dumps({id_: d})
good_ann = ann()
put('ann/truncated.json', good_ann[:len(good_ann) - 7])
put('ann/wrong_type.json', ann(polys='a polygon'))
put('ann/point_short.json', ann(polys=[[[1.0], [2.0, 3.0], [4.0, 5.0]]]))
put('ann/img_huge.json', ann(size=[100000, 100000]))
put('ann/img_side.json', ann(size=[30001, 10]))
put('ann/img_negative.json', ann(size=[-1, W]))
put('ann/no_img_size.json', json.dumps({P: {'Cardiomegaly': [poly]}}))
put('ann/id_control.json', ann(id_='patient64541\x1b[31m_study1_view1_frontal'))
put('ann/id_dotdot.json', ann(id_='../../etc/passwd'))

# --- salient points JSON -----------------------------------------------------
pts = json.dumps({P: {'Cardiomegaly': [[500.5, 400.25]]}})
put('pts/truncated.json', pts[:-3])
put('pts/bad_point.json', json.dumps({P: {'Cardiomegaly': [[1.0]]}}))
put('pts/wrong_type.json', json.dumps({P: {'Cardiomegaly': 'here'}}))
put('pts/id_dotdot.json', json.dumps({'../x': {'Cardiomegaly': [[1.0, 2.0]]}}))

# --- heatmaps ----------------------------------------------------------------
MAPN = P + '_Cardiomegaly_map'
def pk(body, proto=2):
    return b'\x80' + bytes([proto]) + body + b'.'
def su(s):	# SHORT_BINUNICODE (protocol 4)
    b = s.encode()
    return b'\x8c' + bytes([len(b)]) + b
put('maps/global_os_system/' + MAPN + '.pkl', pk(b'cos\nsystem\nX\x02\x00\x00\x00id\x85R'))
put('maps/global_posix/' + MAPN + '.pkl', pk(b'cposix\nsystem\nX\x02\x00\x00\x00id\x85R'))
put('maps/stack_global_eval/' + MAPN + '.pkl',
    pk(su('builtins') + b'\x94' + su('eval') + b'\x94\x93' + su('1') + b'\x85R', 4))
put('maps/stack_global_getattr/' + MAPN + '.pkl',
    pk(su('builtins') + su('getattr') + b'\x93' + su('os') + su('system') + b'\x86R', 4))
put('maps/deep_lists/' + MAPN + '.pkl', pk(b']' * 40000 + b'a' * 39999))
put('maps/deep_marks/' + MAPN + '.pkl', pk(b'(' * 40000 + b'N' + b't' * 40000))
put('maps/memo_huge_index/' + MAPN + '.pkl', pk(b'N' + b'r\xff\xff\xff\xff' + b'j\xff\xff\xff\xff'))
put('maps/memo_get_missing/' + MAPN + '.pkl', pk(b'h\x07'))
put('maps/memo_many/' + MAPN + '.pkl', pk(b'N' + b'\x94' * 40000))
put('maps/huge_unicode8/' + MAPN + '.pkl', pk(b'\x8d' + struct.pack('<Q', 1 << 62) + b'abc', 4))
put('maps/huge_binbytes/' + MAPN + '.pkl', pk(b'B' + struct.pack('<I', 0xffffffff) + b'abc', 3))
put('maps/long_huge/' + MAPN + '.pkl', pk(b'\x8b' + struct.pack('<i', 0x7fffffff) + b'\x01'))
put('maps/truncated/' + MAPN + '.pkl', pk(b'}q\x00(X\x03\x00\x00\x00map')[:-1])
put('maps/empty/' + MAPN + '.pkl', b'')
put('maps/not_pickle/' + MAPN + '.pkl', b'\x89PNG\r\n\x1a\n')
put('maps/dict_empty/' + MAPN + '.pkl', pk(b'}'))

def npy(shape, descr, data, fortran=False, ver=1):
    h = "{'descr': '%s', 'fortran_order': %s, 'shape': %s, }" % (descr, fortran, shape)
    pre = 10 if ver == 1 else 12
    h += ' ' * ((64 - (pre + len(h) + 1) % 64) % 64) + '\n'
    ln = struct.pack('<H', len(h)) if ver == 1 else struct.pack('<I', len(h))
    return b'\x93NUMPY' + bytes([ver, 0]) + ln + h.encode() + data
put('maps/npy_huge_shape/' + MAPN + '.npy', npy((100000, 100000), '<f4', b'\0' * 64))
put('maps/npy_overflow_shape/' + MAPN + '.npy', npy((2 ** 40, 2 ** 40, 2 ** 40), '<f4', b'\0' * 64))
put('maps/npy_negative/' + MAPN + '.npy', npy((-4, 4), '<f4', b'\0' * 64))
put('maps/npy_object/' + MAPN + '.npy', npy((2, 2), '|O', b'\0' * 64))
put('maps/npy_complex/' + MAPN + '.npy', npy((2, 2), '<c8', b'\0' * 32))
put('maps/npy_short/' + MAPN + '.npy', npy((8, 8), '<f4', b'\0' * 12))
put('maps/npy_header_len/' + MAPN + '.npy', b'\x93NUMPY\x02\x00' + struct.pack('<I', 0xfffffff0) + b"{'descr'")
put('maps/npy_eval/' + MAPN + '.npy', npy((2, 2), "<f4', '__import__(\"os\").system(\"id\")", b'\0' * 16))

def chunk(t, d):
    return struct.pack('>I', len(d)) + t + d + struct.pack('>I', zlib.crc32(t + d) & 0xffffffff)
def png(w, h, depth=8, ctype=0, idat=None):
    if idat is None:
        idat = zlib.compress(b'\0' * 64)
    return (b'\x89PNG\r\n\x1a\n' + chunk(b'IHDR', struct.pack('>IIBBBBB', w, h, depth, ctype, 0, 0, 0)) +
            chunk(b'IDAT', idat) + chunk(b'IEND', b''))
put('maps/png_bomb/' + MAPN + '.png', png(100000, 100000, 16))
put('maps/png_side/' + MAPN + '.png', png(40000, 1, 16))
put('maps/png_truncated/' + MAPN + '.png', png(4, 4, 16)[:40])

# --- images ------------------------------------------------------------------
put('img/bomb.png', png(100000, 100000))
# a zlib stream that inflates a lot from little: 100000 rows of zeros
put('img/bomb_deflate.png', png(20000, 20000, idat=zlib.compress(b'\0' * (20001 * 200), 9)))
put('img/side.png', png(30001, 1))
put('img/mpx.png', png(25000, 25000))
put('img/truncated.png', png(4, 4)[:30])
put('img/bad_crc.png', png(4, 4)[:-5] + b'\0\0\0\0\0')
put('img/zero.png', png(0, 0))
def jpeg(w, h):
    soi = b'\xff\xd8'
    app0 = b'\xff\xe0' + struct.pack('>H', 16) + b'JFIF\0\x01\x01\0\0\x01\0\x01\0\0'
    dqt = b'\xff\xdb' + struct.pack('>H', 67) + b'\0' + bytes([1] * 64)
    sof = b'\xff\xc0' + struct.pack('>HBHHB', 11, 8, h, w, 1) + b'\x01\x11\x00'
    # DC/AC tables with one code each, then a tiny scan
    dht = (b'\xff\xc4' + struct.pack('>H', 3 + 16 + 1) + b'\x00' + bytes([1] + [0] * 15) + b'\x00' +
           b'\xff\xc4' + struct.pack('>H', 3 + 16 + 1) + b'\x10' + bytes([1] + [0] * 15) + b'\x00')
    sos = b'\xff\xda' + struct.pack('>HB', 8, 1) + b'\x01\x00' + b'\x00\x3f\x00'
    return soi + app0 + dqt + sof + dht + sos + b'\x00' * 64 + b'\xff\xd9'
put('img/bomb.jpg', jpeg(65000, 65000))
put('img/side.jpg', jpeg(40000, 8))
put('img/truncated.jpg', jpeg(64, 64)[:120])
put('img/not_jpeg.jpg', b'GIF89a' + b'\0' * 40)

# --- CSVs --------------------------------------------------------------------
put('csv/thr_quote.csv', 'threshold,task\n"0.5,Edema\n')
put('csv/thr_number.csv', 'threshold,task\nhalf,Cardiomegaly\n')
put('csv/thr_columns.csv', 'thresh,pathology\n0.5,Edema\n')
put('csv/thr_fields.csv', 'threshold,task\n0.5,Edema,extra\n')
put('csv/thr_control.csv', 'threshold,task\n0.5\x1b[2J,Cardiomegaly\n')
# issue 15: a hex float (pandas keeps it as text; strtod read 0.5), a NUL in a
# quoted field (it was cut: 0.7 used), a quoted NUL in the task name
put('csv/thr_hex.csv', 'threshold,task\n0x1p-1,Cardiomegaly\n')
put('csv/thr_quoted_nul.csv', 'threshold,task\n"0.7\x00999",Cardiomegaly\n')
put('csv/thr_quoted_nul_task.csv', 'threshold,task\n0.5,"Cardio\x00megaly"\n')
put('csv/cut_number.csv', 'prob_threshold,mIoU,task\n0.1,lots,Cardiomegaly\n')
put('csv/boot_truncated.csv', 'Enlarged Cardiomediastinum,Cardiomegaly\n0.5,"0.')
put('csv/boot_number.csv', ','.join(TASKS) + '\n' + ','.join(['0.5'] * 9 + ['x\x07']) + '\n')
put('csv/boot_fields.csv', ','.join(TASKS) + '\n0.5,0.5\n')
put('csv/labels_quote.csv', 'Path,Sex,Age,Frontal/Lateral,AP/PA,No Finding,Cardiomegaly\n"CheXpert-v1.0/valid/patient64541/study1/view1_frontal.jpg,Male,73,Frontal,PA,0.0,1.0\n')
put('csv/labels_value.csv', 'Path,Sex,Age,Frontal/Lateral,AP/PA,No Finding,Cardiomegaly\nCheXpert-v1.0/valid/patient64541/study1/view1_frontal.jpg,Male,73,Frontal,PA,0.0,maybe\n')
put('csv/labels_path.csv', 'Path,Sex,Age,Frontal/Lateral,AP/PA,No Finding,Cardiomegaly\n../../../etc/passwd,Male,73,Frontal,PA,0.0,1.0\n')
put('csv/labels_control.csv', 'Path,Sex,Age,Frontal/Lateral,AP/PA,No Finding,Cardiomegaly\nCheXpert-v1.0/valid/patient6\x1b[2J/study1/view1_frontal.jpg,Male,73,Frontal,PA,0.0,1.0\n')
# issue 15: Path and a demographic column, no task: it read as every count 0
put('csv/labels_no_task.csv', 'Path,Sex\nCheXpert-v1.0/valid/patient64541/study1/view1_frontal.jpg,Male\n')
put('csv/cxr_truncated.csv', 'cxr_id,' + ','.join(TASKS) + '\n' + P + ',0.5,"0.')
put('csv/cxr_number.csv', 'cxr_id,' + ','.join(TASKS) + '\n' + P + ',' + ','.join(['0.5'] * 9 + ['bad']) + '\n')
put('csv/cxr_id.csv', 'cxr_id,' + ','.join(TASKS) + '\n../x\x1b[2J,' + ','.join(['0.5'] * 10) + '\n')
put('csv/part_id.csv', ','.join(sorted(TASKS)) + ',img_id\n' + ','.join(['1.0'] * 10) + ',../x\x1b[2J\n')
# a good numpy-style map whose cxr_dims (8x6) disagree with the GT (1045x1069)
with open('tests/data/heat/np_p2/patient1_study1_view1_frontal_Edema_map.pkl', 'rb') as f:
    put('maps/dims_disagree/' + MAPN + '.pkl', f.read())
# good float64 maps with a NaN, an infinity, a value beyond float32
with open('tests/data/heat/np_p4/patient1_study1_view1_frontal_Edema_map.pkl', 'rb') as f:
    p4 = f.read()
at = p4.find(struct.pack('<12d', *[float(k) for k in range(12)]))
for name, i, v in [('nan', 1, float('nan')), ('inf', 2, float('inf')), ('beyond_f32', 5, -1e300)]:
    b = bytearray(p4)
    b[at + 8 * i:at + 8 * i + 8] = struct.pack('<d', v)
    put('maps/map_' + name + '/' + MAPN + '.pkl', bytes(b))
