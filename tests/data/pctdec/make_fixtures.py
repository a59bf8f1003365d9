#!/usr/bin/env python3
"""Writes tests/data/pctdec: two bootstrap CSVs as eval writes them (repr
floats, 17 significant digits, empty fields for NaN) and the reference's
output on them.

hb.csv / pred.csv: 300 replicates x the 10 pathologies, values from a seeded
random.Random (0.0-1.0, some exact 0.0, one column all NaN, one column with
scattered NaN in pred), so that pandas' read_csv (17 digits accumulated then
scaled once) and strtod disagree on about a third of the fields.
Expected: miou_pct_decrease.csv written by the reference itself:
    cd ../shared/reference/cheXlocalize
    /usr/bin/python3 calculate_percentage_decrease.py --metric miou \
        --hb_bootstrap_results HB --pred_bootstrap_results PRED --save_dir OUT
(pandas 1.5.3, numpy 1.24.2, Debian 12). Run from the repository root:
    python3 tests/data/pctdec/make_fixtures.py ../shared/reference/cheXlocalize
"""
import os, random, subprocess, sys

ref = os.path.abspath(sys.argv[1])
here = os.path.dirname(os.path.abspath(__file__))
tasks = ['Enlarged Cardiomediastinum', 'Cardiomegaly', 'Lung Lesion', 'Airspace Opacity',
         'Edema', 'Consolidation', 'Atelectasis', 'Pneumothorax', 'Pleural Effusion',
         'Support Devices']
rng = random.Random(12)

def field(x):
    return '' if x is None else repr(x)

def write(name, scale, nan_task, holes):
    with open(os.path.join(here, name), 'w') as f:
        f.write(','.join(tasks) + '\n')
        for r in range(300):
            row = []
            for t in tasks:
                if t == nan_task:
                    row.append(None)
                elif t in holes and rng.random() < 0.1:
                    row.append(None)
                elif rng.random() < 0.02:
                    row.append(0.0)
                else:
                    row.append(rng.random() * scale)
            f.write(','.join(field(x) for x in row) + '\n')

write('hb.csv', 0.9, 'Lung Lesion', ())
write('pred.csv', 0.5, 'Lung Lesion', ('Edema',))
subprocess.run(['/usr/bin/python3', 'calculate_percentage_decrease.py', '--metric', 'miou',
                '--hb_bootstrap_results', os.path.join(here, 'hb.csv'),
                '--pred_bootstrap_results', os.path.join(here, 'pred.csv'),
                '--save_dir', here], cwd=ref, check=True, stdout=subprocess.DEVNULL)
os.rename(os.path.join(here, 'miou_pct_decrease.csv'),
          os.path.join(here, 'expected_miou_pct_decrease.csv'))
