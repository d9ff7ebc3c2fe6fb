#!/usr/bin/env python3
"""Trunk post-build hook.

1. Writes the service worker's precache list: every file of the build with a
   content hash as its revision (what Workbox's precache manifest does), and
   a build revision that changes whenever any file changes.
2. Adds the SHA-256 of each inline <script> Trunk wrote into index.html to the
   Content-Security-Policy, so the policy can stay at 'self' without
   'unsafe-inline'.
"""
import base64
import hashlib
import json
import os
import re
import sys

staging = os.environ.get("TRUNK_STAGING_DIR") or (sys.argv[1] if len(sys.argv) > 1 else "dist")
index_path = os.path.join(staging, "index.html")
with open(index_path, encoding="utf-8") as f:
    html = f.read()

# CSP: hash the inline scripts.
hashes = []
for body in re.findall(r"<script(?![^>]*\bsrc=)[^>]*>(.*?)</script>", html, flags=re.S):
    digest = base64.b64encode(hashlib.sha256(body.encode("utf-8")).digest()).decode()
    hashes.append(f"'sha256-{digest}'")
if hashes:
    html = html.replace("script-src 'self' 'wasm-unsafe-eval'", "script-src 'self' 'wasm-unsafe-eval' " + " ".join(hashes), 1)
with open(index_path, "w", encoding="utf-8") as f:
    f.write(html)

# Precache list.
entries = []
whole = hashlib.sha256()
for root, _, files in os.walk(staging):
    for name in sorted(files):
        if name == "sw.js":
            continue
        path = os.path.join(root, name)
        rel = os.path.relpath(path, staging).replace(os.sep, "/")
        with open(path, "rb") as f:
            data = f.read()
        rev = hashlib.sha256(data).hexdigest()[:16]
        whole.update(rel.encode() + rev.encode())
        entries.append({"url": "./" if rel == "index.html" else "./" + rel, "revision": rev})
entries.sort(key=lambda e: e["url"])
sw_path = os.path.join(staging, "sw.js")
with open(sw_path, encoding="utf-8") as f:
    sw = f.read()
sw = re.sub(r"/\*PRECACHE\*/.*?/\*END\*/", "/*PRECACHE*/" + json.dumps(entries) + "/*END*/", sw, flags=re.S)
sw = re.sub(r"/\*REVISION\*/.*?/\*END\*/", '/*REVISION*/"' + whole.hexdigest()[:16] + '"/*END*/', sw, flags=re.S)
with open(sw_path, "w", encoding="utf-8") as f:
    f.write(sw)
print(f"post_build: {len(entries)} precached files, {len(hashes)} inline script hash(es) in the CSP")
