// GET /api/docs: a self-contained page that renders /api/openapi.json (no third-party script or CDN).
import middy from '@middy/core';

const PAGE = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Cabinet API</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<style>
body{font:15px/1.5 system-ui,sans-serif;max-width:960px;margin:2rem auto;padding:0 1rem;color:#1f2933}
h1{margin-bottom:0}.op{border:1px solid #d9e2ec;border-radius:6px;margin:.75rem 0;padding:.5rem .75rem}
.m{display:inline-block;min-width:4.5rem;font-weight:700}.GET{color:#0b7}.POST{color:#07c}.PATCH{color:#c80}.DELETE{color:#c22}
code{background:#f0f4f8;padding:0 .25rem;border-radius:3px}details pre{background:#f0f4f8;padding:.5rem;overflow:auto;font-size:13px}
.lock{font-size:12px;color:#627d98}
</style></head><body>
<h1>Cabinet API</h1><p id="info">Loading <a href="/api/openapi.json">/api/openapi.json</a>…</p><main id="ops"></main>
<script>
fetch('/api/openapi.json').then(r=>r.json()).then(doc=>{
  document.getElementById('info').textContent=doc.info.description||'';
  const main=document.getElementById('ops');
  for(const [path,item] of Object.entries(doc.paths)){
    for(const [method,op] of Object.entries(item)){
      const el=document.createElement('section');el.className='op';
      const secured=(op.security||doc.security||[]).length>0;
      el.innerHTML='<div><span class="m '+method.toUpperCase()+'">'+method.toUpperCase()+'</span><code></code> <span class="s"></span> '+(secured?'<span class="lock">🔒 bearer</span>':'')+'</div>';
      el.querySelector('code').textContent=path;el.querySelector('.s').textContent=op.summary||'';
      const d=document.createElement('details');const s=document.createElement('summary');s.textContent='schemas & responses';
      const pre=document.createElement('pre');pre.textContent=JSON.stringify({parameters:op.parameters,requestBody:op.requestBody,responses:op.responses},null,2);
      d.append(s,pre);el.append(d);main.append(el);
    }
  }
});
</script></body></html>`;

export const handler = middy().handler(async () => ({
  statusCode: 200,
  headers: { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-cache' },
  body: PAGE,
}));
