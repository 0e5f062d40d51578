#!/usr/bin/env python3
"""Correctness bar of a backend: for every model in ../shared/fixtures/models and every prompt
in ../shared/fixtures/reference, `vela-cli logits --backend B` must be accepted by
../shared/tools/compare_logits.py (teacher-forced logits within the spread of the two reference
backends, same top-1 tokens, greedy continuation as long as the references agree).

Usage: check_reference_logits.py VELA_CLI SHARED_DIR BACKEND [VELA_CLI_OPTION ...]
(the options are passed to every `vela-cli logits`, e.g. `--matmul subgroup`).
Exits 77 (ctest: skipped) when SHARED_DIR is absent.
"""
import concurrent.futures
import glob
import json
import os
import subprocess
import sys
import tempfile


def main():
    cli, shared, backend = sys.argv[1:4]
    extra = sys.argv[4:]
    refs = os.path.join(shared, 'fixtures', 'reference')
    models = os.path.join(shared, 'fixtures', 'models')
    if not os.path.isdir(refs):
        print(f'SKIP: {refs} not found; the reference logits come from ../shared (absent in a user clone)')
        return 77
    prompts = json.load(open(os.path.join(refs, 'prompts.json')))
    jobs = []
    for ref in sorted(glob.glob(os.path.join(refs, '*.cpu.json'))):
        name = os.path.basename(ref)[:-len('.cpu.json')]
        model, prompt = name.rsplit('.', 1)
        greedy = len(json.load(open(ref)).get('greedy', []))
        jobs.append((name, os.path.join(models, model + '.gguf'), prompts[prompt], greedy))
    out = tempfile.mkdtemp(prefix='vela-logits-')

    def run(job):
        name, model, ids, greedy = job
        cmd = [cli, 'logits', model, '--ids', ','.join(map(str, ids)), '--greedy', str(greedy),
               '--backend', backend, '--threads', '1', '--json'] + extra
        r = subprocess.run(cmd, capture_output=True, text=True)
        if r.returncode != 0:
            return f'{name}: vela-cli exited {r.returncode}: {r.stderr.strip()}'
        with open(os.path.join(out, name + '.json'), 'w') as f:
            f.write(r.stdout)
        return None

    with concurrent.futures.ThreadPoolExecutor(max_workers=os.cpu_count() or 2) as pool:
        errors = [e for e in pool.map(run, jobs) if e]
    for e in errors:
        print('ERROR', e)
    compare = os.path.join(shared, 'tools', 'compare_logits.py')
    r = subprocess.run([sys.executable, compare, '--candidates', out, '--references', refs])
    print(f'{len(jobs)} model/prompt pairs, backend {backend}, candidates in {out}')
    return 1 if errors or r.returncode != 0 else 0


if __name__ == '__main__':
    sys.exit(main())
