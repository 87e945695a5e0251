"""What the endpoint says about itself: the SPARQL service description (Turtle) and the offline query page."""
from __future__ import annotations

from pathlib import Path

from kg.display.html import assert_inlinable, csp_hash, script_json
from kg.serve.formats import GRAPHS, RESULTS

FORMAT_IRIS = {"JSON": "SPARQL_Results_JSON", "XML": "SPARQL_Results_XML", "CSV": "SPARQL_Results_CSV",
               "TSV": "SPARQL_Results_TSV", "TURTLE": "Turtle", "N_TRIPLES": "N-Triples", "JSON_LD": "JSON-LD",
               "RDF_XML": "RDF_XML"}


def service_description(endpoint: str, triples: int, *, updates: bool) -> bytes:
    """The sd: description of the endpoint (https://www.w3.org/TR/sparql11-service-description/) as Turtle."""
    formats = " , ".join(f"<http://www.w3.org/ns/formats/{FORMAT_IRIS[f]}>"
                         for _, f in list(RESULTS.values()) + list(GRAPHS.values()))
    languages = "sd:SPARQL11Query" + (" , sd:SPARQL11Update" if updates else "")
    return f"""@prefix sd: <http://www.w3.org/ns/sparql-service-description#> .
@prefix void: <http://rdfs.org/ns/void#> .
@prefix dcterms: <http://purl.org/dc/terms/> .

[] a sd:Service ;
  sd:endpoint <{endpoint}> ;
  sd:supportedLanguage {languages} ;
  sd:resultFormat {formats} ;
  sd:feature sd:BasicFederatedQuery ;
  dcterms:description "Binjiang innovation-ecosystem knowledge graph; read-only, SERVICE disabled by default." ;
  sd:defaultDataset [ a sd:Dataset ;
    sd:defaultGraph [ a sd:Graph ; void:triples {int(triples)} ] ] .
""".replace("  sd:feature sd:BasicFederatedQuery ;\n", "").encode("utf-8")


def examples(folder: Path) -> list[dict]:
    """The competency questions (queries/*.rq) as {name, title, query}; the title is the first comment line."""
    found = []
    for path in sorted(folder.glob("*.rq")):
        text = path.read_text(encoding="utf-8")
        comments = [line.lstrip("# ").strip() for line in text.splitlines() if line.startswith("#")]
        found.append({"name": path.stem, "title": comments[1] if len(comments) > 1 else path.stem, "query": text})
    return found


STYLE = """body{font:14px system-ui,sans-serif;margin:1.5em;max-width:80em}textarea{width:100%;height:16em;
font:13px monospace}table{border-collapse:collapse;margin-top:1em}td,th{border:1px solid #ccc;padding:2px 6px;
vertical-align:top}#status{margin:.5em 0;color:#555}select{max-width:100%}"""

SCRIPT = """(function(){
var examples=JSON.parse(document.getElementById('examples').textContent);
var pick=document.getElementById('pick'),text=document.getElementById('query');
var out=document.getElementById('out'),status=document.getElementById('status');
examples.forEach(function(e,i){var o=document.createElement('option');o.value=String(i);
o.textContent=e.name+' \\u2014 '+e.title;pick.appendChild(o);});
function load(){var e=examples[Number(pick.value)];if(e){text.value=e.query;}}
pick.addEventListener('change',load);load();
function cell(term){if(!term){return '';}return term.value;}
document.getElementById('run').addEventListener('click',function(){
  status.textContent='running\\u2026';while(out.firstChild){out.removeChild(out.firstChild);}
  var t0=Date.now();
  fetch('sparql',{method:'POST',headers:{'Content-Type':'application/sparql-query',
    'Accept':'application/sparql-results+json, text/turtle;q=0.9'},body:text.value})
  .then(function(r){return r.text().then(function(body){return {r:r,body:body};});})
  .then(function(x){var ms=Date.now()-t0;
    if(!x.r.ok){status.textContent='HTTP '+x.r.status+': '+x.body;return;}
    var type=x.r.headers.get('Content-Type')||'';
    if(type.indexOf('sparql-results+json')<0){var pre=document.createElement('pre');pre.textContent=x.body;
      out.appendChild(pre);status.textContent=ms+' ms';return;}
    var data=JSON.parse(x.body);
    if(typeof data.boolean==='boolean'){status.textContent='ASK: '+data.boolean+' ('+ms+' ms)';return;}
    var vars=data.head.vars,rows=data.results.bindings,table=document.createElement('table');
    var head=table.insertRow();vars.forEach(function(v){var th=document.createElement('th');th.textContent=v;head.appendChild(th);});
    rows.forEach(function(b){var tr=table.insertRow();vars.forEach(function(v){tr.insertCell().textContent=cell(b[v]);});});
    out.appendChild(table);status.textContent=rows.length+' rows ('+ms+' ms)';})
  .catch(function(e){status.textContent='request failed: '+e;});
});
})();"""


CSP = (f"default-src 'none'; script-src {csp_hash(assert_inlinable('the query page script', SCRIPT, 'script'))}; "
       f"style-src {csp_hash(assert_inlinable('the query page style', STYLE, 'style'))}; connect-src 'self'; "
       "img-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'")


def query_page(folder: Path) -> bytes:
    """The query page: a text area, the competency questions as examples, results as a table. No external URL."""
    return f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Binjiang KG · SPARQL</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<style>{STYLE}</style></head>
<body><h1>Binjiang knowledge graph · SPARQL 1.1 endpoint</h1>
<p>POST or GET <code>sparql</code>; the project's prefixes (bj:, bjr:, schema:, ...) are predeclared.</p>
<label>Competency questions: <select id="pick"></select></label>
<textarea id="query" spellcheck="false"></textarea>
<p><button id="run" type="button">Run</button></p><div id="status"></div><div id="out"></div>
<script type="application/json" id="examples">{script_json(examples(folder))}</script>
<script>{SCRIPT}</script>
</body></html>
""".encode("utf-8")
