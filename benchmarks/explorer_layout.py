"""Benchmark: time to a stable layout in headless Chromium, our explorer vs. pyvis with its defaults.

For seeded synthetic graphs (``benchmarks/synthetic.py``; 500, 2,000 and 5,000 nodes, about two
edges per node) this renders two pages and opens each as ``file://`` in Debian's headless Chromium
(one browser launch for the whole run, a fresh context per page load, 1280×800 viewport):

* **ours**: ``kg.display.explorer.page.render_explorer(graph, title=..., lang="zh")``;
* **pyvis**: ``pyvis.network.Network(directed=True, cdn_resources="in_line")`` with ``add_node``
  (label = Chinese label, title = English label, group = class) and ``add_edge`` (label, title),
  then ``generate_html()``; every option is pyvis' default. ``cdn_resources="in_line"`` inlines
  vis-network so the page runs offline; its template still links Bootstrap from a CDN, and those
  requests (like any non-``file://`` request, for both pages) are aborted by the router.

Timing happens inside the page. An init script (``page.add_init_script``, which runs before any
page script and is not subject to the page's CSP) pre-creates ``window.vis`` so that when
vis-network's UMD bundle assigns ``vis.Network`` it receives a wrapped constructor. The wrapper
timestamps the constructor call and return and patches ``Network.prototype.emit`` so that
``startStabilizing``, ``stabilizationIterationsDone`` and ``stabilized`` are timestamped whenever
they fire, even inside the constructor: no listener can be attached too late. Times are
``performance.now()``, i.e. milliseconds since navigation start. A MutationObserver also stamps our
page's ``body[data-ready='1']`` (set after stabilisation, once physics is off).

"Stable" = vis-network's ``stabilizationIterationsDone`` (the bounded stabilisation has run and the
view is fitted). pyvis keeps simulating afterwards until ``stabilized``; that is recorded too, as
is whether nodes still move (positions sampled twice, 1 s apart). Each cell is measured
``--repeats`` times (fresh page each) and the median is reported; a cell whose first run hits
``--timeout`` is reported as "> timeout" and not repeated.

Usage: ``python benchmarks/explorer_layout.py [--sizes 500 2000 5000] [--repeats 3] [--timeout 180]``
(``make bench`` runs it with the defaults). Writes ``benchmarks/results/explorer_layout.{json,md}``.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from importlib import metadata
from pathlib import Path
from typing import Any, Callable

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:  # run as a script: make `benchmarks` and `kg` importable
    sys.path.insert(0, str(ROOT))

from benchmarks.synthetic import SEED, graph_summary, synthetic_graph  # noqa: E402

SIZES = (500, 2000, 5000)
REPEATS = 3
TIMEOUT_S = 180.0
RESULTS = ROOT / "benchmarks" / "results"
NAME = "explorer_layout"
VIEWPORT = {"width": 1280, "height": 800}
POLL_S = 0.1
SAMPLE_GAP_S = 1.0

# Runs before every page script (and regardless of the page's CSP). See the module docstring.
TAG = "kg-bench:"
HOOK_JS = r"""
(() => {
  if (window.__bench) { return; }
  const TAG = "__TAG__";
  const B = window.__bench = { events: {}, counts: {}, constructStart: null, constructEnd: null,
                               readyAt: null, hooked: false, progress: null };
  const WATCH = new Set(["startStabilizing", "stabilizationIterationsDone", "stabilized"]);
  // Every change is also reported as a console message, because the runner cannot evaluate
  // anything in a page whose main thread is stuck in a minutes-long layout task.
  function report() {
    console.debug(TAG + JSON.stringify({ hooked: B.hooked, events: B.events, constructStart: B.constructStart,
                                         constructEnd: B.constructEnd, progress: B.progress }));
  }
  function stamp(name) {
    B.counts[name] = (B.counts[name] || 0) + 1;
    if (!(name in B.events)) { B.events[name] = performance.now(); report(); }
  }
  function wrap(Network) {
    if (typeof Network !== "function" || B.hooked) { return Network; }
    B.hooked = true;
    const emit = Network.prototype.emit;
    Network.prototype.emit = function (name) {
      if (WATCH.has(name)) { stamp(name); }
      if (name === "stabilizationProgress" && arguments[1]) {
        B.progress = { iterations: arguments[1].iterations, total: arguments[1].total, at: performance.now() };
        report();
      }
      return emit.apply(this, arguments);
    };
    return new Proxy(Network, {
      construct(target, args, newTarget) {
        B.constructStart = performance.now();
        report();
        const net = Reflect.construct(target, args, newTarget);
        B.constructEnd = performance.now();
        report();
        window.__benchNetwork = net;
        return net;
      }
    });
  }
  let Network;
  const vis = {};
  Object.defineProperty(vis, "Network", {
    configurable: true, enumerable: true,
    get() { return Network; },
    set(value) { Network = wrap(value); }
  });
  window.vis = vis;  // vis-network's UMD bundle does `vis = vis || {}` and fills this object
  new MutationObserver(() => {
    if (B.readyAt === null && document.body && document.body.dataset.ready === "1") {
      B.readyAt = performance.now();
    }
  }).observe(document, { attributes: true, attributeFilter: ["data-ready"], subtree: true });
})();
""".replace("__TAG__", TAG)

STATE_JS = """() => {
  const B = window.__bench;
  if (!B) { return null; }
  return { events: B.events, counts: B.counts, constructStart: B.constructStart,
           constructEnd: B.constructEnd, readyAt: B.readyAt, hooked: B.hooked, progress: B.progress,
           now: performance.now() };
}"""

POSITIONS_JS = """() => {
  const net = window.__benchNetwork || window.network;
  if (!net) { return null; }
  const physics = net.physics || {};
  return { positions: net.getPositions(),
           physicsEnabled: Boolean(physics.physicsEnabled && physics.options && physics.options.enabled) };
}"""

TIMING_JS = """() => {
  const nav = performance.getEntriesByType("navigation")[0];
  return nav ? { domContentLoaded: nav.domContentLoadedEventEnd, load: nav.loadEventEnd } : {};
}"""


# --------------------------------------------------------------------------------------------
# Rendering
# --------------------------------------------------------------------------------------------

def render_ours(graph) -> str:
    """Our explorer page, as ``kg build`` writes it."""
    from kg.display.explorer.page import render_explorer

    return render_explorer(graph, title="Synthetic benchmark graph", lang="zh")


def render_pyvis(graph) -> str:
    """pyvis with its default options; vis-network inlined so that the page runs offline."""
    from pyvis.network import Network

    net = Network(directed=True, cdn_resources="in_line")
    for node, attrs in graph.nodes(data=True):
        label = attrs.get("label_zh") or attrs.get("label_en") or node
        net.add_node(node, label=label, title=attrs.get("label_en") or label,
                     group=attrs.get("type_label_en") or "")
    for u, v, _key, attrs in graph.edges(keys=True, data=True):
        net.add_edge(u, v, label=attrs.get("label_zh", ""), title=attrs.get("label_en", ""))
    return net.generate_html()


RENDERERS: dict[str, Callable[[Any], str]] = {"ours": render_ours, "pyvis": render_pyvis}


def timed_render(render: Callable[[Any], str], graph, repeats: int) -> tuple[str, list[float]]:
    """Render ``repeats`` times; return the last HTML and every duration in seconds."""
    times, html = [], ""
    for _ in range(max(1, repeats)):
        start = time.perf_counter()
        html = render(graph)
        times.append(time.perf_counter() - start)
    return html, times


# --------------------------------------------------------------------------------------------
# Browser measurement
# --------------------------------------------------------------------------------------------

def _ms_to_s(value: float | None) -> float | None:
    return None if value is None else round(value / 1000.0, 3)


def _max_move(a: dict, b: dict) -> float:
    """Largest distance (canvas units) any node moved between two position samples."""
    moves = [((b[k]["x"] - p["x"]) ** 2 + (b[k]["y"] - p["y"]) ** 2) ** 0.5 for k, p in a.items() if k in b]
    return round(max(moves, default=0.0), 3)


def _evaluate(page, script: str):
    """``page.evaluate`` that tolerates the moment the new document's context is being swapped in."""
    for _ in range(50):
        try:
            return page.evaluate(script)
        except Exception as exc:  # noqa: BLE001 - playwright raises plain Error subclasses
            if "context was destroyed" not in str(exc) and "navigat" not in str(exc).lower():
                raise
            page.wait_for_timeout(50)
    return page.evaluate(script)


def measure_page(browser, path: Path, *, timeout_s: float = TIMEOUT_S,
                 sample_gap_s: float = SAMPLE_GAP_S) -> dict[str, Any]:
    """Open ``path`` in a fresh context; return its timeline (seconds since navigation start).

    ``stable_s`` is the time of ``stabilizationIterationsDone`` (None if the page did not get there
    within ``timeout_s``); ``at_rest_s`` that of vis-network's ``stabilized`` event if it fired before
    the positions were sampled (twice, ``sample_gap_s`` apart, right after stable).
    """
    url = path.resolve().as_uri()
    context = browser.new_context(viewport=VIEWPORT, service_workers="block")
    blocked: list[str] = []
    errors: list[str] = []

    def route(r):
        if r.request.url == url:
            r.continue_()
        else:
            blocked.append(r.request.url)
            r.abort()

    try:
        context.route("**/*", route)
        context.add_init_script(HOOK_JS)
        page = context.new_page()
        page.on("pageerror", lambda exc: errors.append(str(exc)))
        reports: list[dict] = []

        def on_console(msg):
            if msg.text.startswith(TAG):
                reports.append(json.loads(msg.text[len(TAG):]))

        page.on("console", on_console)
        start = time.monotonic()
        page.goto(url, wait_until="commit", timeout=timeout_s * 1000)
        state: dict | None = None
        timed_out = False
        # Wait on the hook's console reports, never on page.evaluate: a page busy in a long
        # synchronous layout would block an evaluate far beyond the cap.
        while True:
            state = reports[-1] if reports else None
            if state and "stabilizationIterationsDone" in state["events"]:
                break
            if time.monotonic() - start > timeout_s:
                timed_out = True
                break
            page.wait_for_timeout(POLL_S * 1000)
        events = (state or {}).get("events", {})
        result: dict[str, Any] = {
            "hooked": bool(state and state.get("hooked")),
            "timed_out": timed_out,
            "stable_s": _ms_to_s(events.get("stabilizationIterationsDone")),
            "at_rest_s": _ms_to_s(events.get("stabilized")),
            "construct_start_s": _ms_to_s((state or {}).get("constructStart")),
            "construct_end_s": _ms_to_s((state or {}).get("constructEnd")),
            "stabilizing_start_s": _ms_to_s(events.get("startStabilizing")),
            "wall_s": round(time.monotonic() - start, 3),
        }
        progress = (state or {}).get("progress")
        if timed_out and progress:
            # How far the stabilisation got, and a linear projection of when it would have ended.
            result["iterations_done"] = progress["iterations"]
            result["iterations_total"] = progress["total"]
            if progress["iterations"] and result["stabilizing_start_s"] is not None:
                spent = progress["at"] / 1000 - result["stabilizing_start_s"]
                result["projected_stable_s"] = round(result["stabilizing_start_s"]
                                                     + spent * progress["total"] / progress["iterations"], 1)
        if not timed_out:
            # Our page sets body[data-ready='1'] one task after stabilisation; give it a moment.
            if page.query_selector("body[data-ready]") is not None:
                try:
                    page.wait_for_selector("body[data-ready='1']", state="attached", timeout=10_000)
                except Exception:  # noqa: BLE001 - recorded as not ready
                    pass
            first = _evaluate(page, POSITIONS_JS)
            page.wait_for_timeout(sample_gap_s * 1000)
            second = _evaluate(page, POSITIONS_JS)
            state = _evaluate(page, STATE_JS)
            result["ready_s"] = _ms_to_s(state.get("readyAt"))
            if first and second:
                result["max_move_after_stable"] = _max_move(first["positions"], second["positions"])
                result["physics_on_after_stable"] = second["physicsEnabled"]
            result["at_rest_s"] = _ms_to_s(state["events"].get("stabilized"))
            result.update({f"{k}_s": _ms_to_s(v) for k, v in _evaluate(page, TIMING_JS).items()})
        result["blocked_requests"] = sorted(set(blocked))
        result["page_errors"] = errors
        return result
    finally:
        context.close()


# --------------------------------------------------------------------------------------------
# The run
# --------------------------------------------------------------------------------------------

def _median(values: list[float | None]) -> float | None:
    values = [v for v in values if v is not None]
    return round(statistics.median(values), 3) if values else None


def explorer_digest() -> str:
    """Short SHA-256 of the explorer's sources, to tie results to a version of a work tree."""
    import hashlib

    files = sorted(p for p in (ROOT / "kg" / "display" / "explorer").rglob("*") if "__pycache__" not in p.parts)
    digest = hashlib.sha256()
    for f in files:
        if f.is_file():
            digest.update(f.read_bytes())
    return digest.hexdigest()[:12]


def machine_info(browser) -> dict[str, Any]:
    cpu = ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    try:
        rev = subprocess.run(["git", "-C", str(ROOT), "rev-parse", "--short", "HEAD"], capture_output=True,
                             text=True, check=False).stdout.strip()
        dirty = subprocess.run(["git", "-C", str(ROOT), "status", "--porcelain", "--", "kg"], capture_output=True,
                               text=True, check=False).stdout.split("\n")
    except OSError:
        rev, dirty = "", []
    mem_gb = None
    try:
        mem_gb = round(os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30, 1)
    except (ValueError, OSError, AttributeError):
        pass
    versions = {}
    for dist in ("pyvis", "playwright", "networkx"):
        try:
            versions[dist] = metadata.version(dist)
        except metadata.PackageNotFoundError:
            versions[dist] = None
    return {
        "date": dt.datetime.now(dt.timezone.utc).replace(microsecond=0).isoformat(),
        "nproc": os.cpu_count(),
        "cpu": cpu,
        "memory_gb": mem_gb,
        "platform": platform.platform(),
        "python": platform.python_version(),
        "chromium": browser.version,
        **versions,
        "loadavg_at_start": [round(x, 2) for x in os.getloadavg()],
        "git_rev": rev,
        "kg_uncommitted": [line[3:] for line in dirty if line.strip()],
        "explorer_sources_sha256": explorer_digest(),
    }


def run(sizes=SIZES, repeats=REPEATS, timeout_s=TIMEOUT_S, *, kinds=tuple(RENDERERS), workdir: Path | None = None,
        log=print, sample_gap_s: float = SAMPLE_GAP_S) -> dict[str, Any]:
    """Run the whole benchmark in one browser launch and return the JSON-ready results.

    ``kinds`` picks the pages (default both, which the Markdown report needs).
    """
    renderers = {k: RENDERERS[k] for k in kinds}
    from playwright.sync_api import sync_playwright

    from tools.browser import CHROMIUM, launch

    started = time.monotonic()
    rows = []
    with tempfile.TemporaryDirectory(prefix="kg-bench-") as tmp:
        tmpdir = Path(workdir or tmp)
        with sync_playwright() as pw:
            browser = launch(pw)
            try:
                info = machine_info(browser)
                info["chromium_path"] = CHROMIUM
                for n in sizes:
                    graph = synthetic_graph(n)
                    summary = graph_summary(graph)
                    row: dict[str, Any] = {**summary}
                    pages: dict[str, Path] = {}
                    for kind, render in renderers.items():
                        html, render_times = timed_render(render, graph, repeats)
                        path = tmpdir / f"{kind}-{n}.html"
                        path.write_text(html, encoding="utf-8")
                        pages[kind] = path
                        row[kind] = {"render_s": _median(render_times), "render_runs_s": [round(t, 3) for t in render_times],
                                     "html_bytes": len(html.encode("utf-8")), "runs": []}
                        log(f"[{n} nodes] {kind}: rendered in {row[kind]['render_s']:.2f} s, "
                            f"{row[kind]['html_bytes'] / 1e6:.1f} MB")
                    # Interleave the two pages, so that any drift hits both alike.
                    for r in range(repeats):
                        for kind in renderers:
                            runs = row[kind]["runs"]
                            if runs and runs[0]["timed_out"]:
                                continue  # a cell that hit the cap once is not repeated
                            m = measure_page(browser, pages[kind], timeout_s=timeout_s, sample_gap_s=sample_gap_s)
                            runs.append(m)
                            shown = f"> {timeout_s:g} s (timeout)" if m["timed_out"] else f"{m['stable_s']:.2f} s"
                            log(f"[{n} nodes] {kind} run {r + 1}: stable at {shown}"
                                + (f", at rest at {m['at_rest_s']:.2f} s" if m.get("at_rest_s") else "")
                                + (f", moved {m['max_move_after_stable']} after" if "max_move_after_stable" in m else ""))
                    for kind in renderers:
                        cell = row[kind]
                        runs = cell["runs"]
                        cell["timed_out"] = any(m["timed_out"] for m in runs)
                        for key in ("construct_start_s", "construct_end_s", "stabilizing_start_s"):
                            cell[key] = _median([m.get(key) for m in runs])
                        for key in ("stable_s", "at_rest_s", "ready_s", "domContentLoaded_s"):
                            cell[key] = None if cell["timed_out"] else _median([m.get(key) for m in runs])
                        cell["n_runs"] = len(runs)
                        if cell["timed_out"]:
                            cell["iterations_done"] = runs[0].get("iterations_done")
                            cell["iterations_total"] = runs[0].get("iterations_total")
                            cell["projected_stable_s"] = runs[0].get("projected_stable_s")
                        moves = [m["max_move_after_stable"] for m in runs if "max_move_after_stable" in m]
                        cell["max_move_after_stable"] = max(moves) if moves else None
                        physics = [m["physics_on_after_stable"] for m in runs if "physics_on_after_stable" in m]
                        cell["physics_on_after_stable"] = any(physics) if physics else None
                        cell["hooked"] = all(m["hooked"] for m in runs)
                        cell["blocked_requests"] = sorted({u for m in runs for u in m["blocked_requests"]})
                        cell["page_errors"] = sorted({e for m in runs for e in m["page_errors"]})
                    if "ours" in row and "pyvis" in row:
                        ours, pyv = row["ours"]["stable_s"], row["pyvis"]["stable_s"]
                        row["ratio_pyvis_over_ours"] = round(pyv / ours, 2) if ours and pyv else None
                        row["ratio_is_lower_bound"] = row["pyvis"]["timed_out"]
                    rows.append(row)
            finally:
                browser.close()
    return {
        "benchmark": NAME,
        "machine": info,
        "params": {"sizes": list(sizes), "repeats": repeats, "timeout_s": timeout_s, "seed": SEED,
                   "edges_per_node": 2, "viewport": VIEWPORT},
        "rows": rows,
        "total_s": round(time.monotonic() - started, 1),
        "loadavg_at_end": [round(x, 2) for x in os.getloadavg()],
    }


def _fmt(value: float | None, digits: int = 2) -> str:
    return "–" if value is None else f"{value:.{digits}f}"


def _stable_cell(cell: dict[str, Any], timeout: float, repeats: int, detail: bool = False) -> str:
    """A table cell for a page's time to stable: median, or "> cap" with how far it got."""
    if not cell["timed_out"]:
        text = _fmt(cell["stable_s"])
    else:
        text = f"> {timeout:g}"
        if detail and cell.get("iterations_done") is not None:
            text += f" ({cell['iterations_done']}/{cell['iterations_total']} iterations"
            if cell.get("projected_stable_s"):
                text += f", ~{cell['projected_stable_s']:.0f} projected"
            text += ")"
    if cell["n_runs"] == 1 and repeats > 1:
        text += " (1 run)"
    return text


def markdown(results: dict[str, Any]) -> str:
    """Return the Markdown report: the main table, the per-page timeline, and the machine."""
    params = results["params"]
    timeout, repeats = params["timeout_s"], params["repeats"]
    lines = [
        "| nodes | edges | ours (s) | pyvis default (s) | ratio pyvis/ours | ours HTML (MB) | pyvis HTML (MB) "
        "| ours render (s) | pyvis render (s) |",
        "|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for row in results["rows"]:
        o, p = row["ours"], row["pyvis"]
        if row["ratio_is_lower_bound"] and o["stable_s"]:
            ratio = f"> {timeout / o['stable_s']:.0f}"
        else:
            ratio = _fmt(row["ratio_pyvis_over_ours"], 1)
        lines.append(f"| {row['nodes']:,} | {row['edges']:,} | {_stable_cell(o, timeout, repeats)} "
                     f"| {_stable_cell(p, timeout, repeats)} | {ratio} "
                     f"| {o['html_bytes'] / 1e6:.1f} | {p['html_bytes'] / 1e6:.1f} "
                     f"| {_fmt(o['render_s'])} | {_fmt(p['render_s'])} |")
    lines += [
        "",
        f"Seconds from navigation start to vis-network's `stabilizationIterationsDone` in headless Chromium, "
        f"median of {repeats} fresh page loads (cap {timeout:g} s; a cell that hits the cap is run once). "
        "Render = Python time to produce the HTML (median). pyvis: `Network(directed=True, "
        "cdn_resources=\"in_line\")`, default options, Bootstrap CDN requests aborted.",
        "",
        "Timeline of each page (seconds since navigation start, medians):",
        "",
        "| nodes | page | `new vis.Network` called | constructor returned | stable | `stabilized` (at rest) "
        "| max move in the 1 s after stable | physics on after stable |",
        "|---:|---|---:|---:|---:|---:|---:|---|",
    ]
    for row in results["rows"]:
        for kind in ("ours", "pyvis"):
            c = row[kind]
            if c["timed_out"]:
                at_rest, moved, physics = "–", "–", "–"
            else:
                at_rest = _fmt(c["at_rest_s"]) if c["at_rest_s"] is not None else "not yet"
                moved = _fmt(c["max_move_after_stable"], 1)
                physics = "yes" if c["physics_on_after_stable"] else "no"
            lines.append(f"| {row['nodes']:,} | {kind} | {_fmt(c['construct_start_s'])} | {_fmt(c['construct_end_s'])} "
                         f"| {_stable_cell(c, timeout, repeats, detail=True)} | {at_rest} | {moved} | {physics} |")
    m = results["machine"]
    lines += [
        "",
        f"Machine: {m['nproc']} CPUs ({m['cpu'] or 'unknown CPU'}), {m['memory_gb']} GB RAM, {m['platform']}; "
        f"Chromium {m['chromium']} headless ({m['chromium_path']}); Python {m['python']}, pyvis {m['pyvis']}, "
        f"playwright {m['playwright']}; {m['date']}; git {m['git_rev']}"
        + (f" with uncommitted changes in {len(m['kg_uncommitted'])} paths under kg/" if m["kg_uncommitted"] else "")
        + (f" (explorer sources sha256 {m['explorer_sources_sha256']})" if m.get("explorer_sources_sha256") else "")
        + f". Load average (1/5/15 min) {'/'.join(map(str, m['loadavg_at_start']))} at start, "
        f"{'/'.join(map(str, results['loadavg_at_end']))} at end (other work on the machine slows both pages). "
        f"Synthetic graphs (benchmarks/synthetic.py, seed {params['seed']}); whole run {results['total_s']:g} s.",
        "",
    ]
    return "\n".join(lines)


def write_results(results: dict[str, Any], out_dir: Path = RESULTS) -> tuple[Path, Path | None]:
    """Write ``explorer_layout.json`` and, when both pages were measured, ``explorer_layout.md``."""
    out_dir.mkdir(parents=True, exist_ok=True)
    json_path, md_path = out_dir / f"{NAME}.json", out_dir / f"{NAME}.md"
    json_path.write_text(json.dumps(results, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    if not all("ours" in row and "pyvis" in row for row in results["rows"]):
        return json_path, None
    md_path.write_text(markdown(results), encoding="utf-8")
    return json_path, md_path


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    # BENCH_QUICK=1 (set by `make bench`): a quicker pass (500 and 2,000 nodes, one load each, 60 s cap),
    # written to results/quick/ so that the full run's tables stay as they are. Flags still override it.
    quick = os.environ.get("BENCH_QUICK", "") not in ("", "0")
    parser.add_argument("--sizes", type=int, nargs="+", default=[500, 2000] if quick else list(SIZES))
    parser.add_argument("--repeats", type=int, default=1 if quick else REPEATS)
    parser.add_argument("--timeout", type=float, default=60.0 if quick else TIMEOUT_S, help="cap per page load, seconds")
    parser.add_argument("--only", choices=sorted(RENDERERS), help="measure one page only (no Markdown table)")
    parser.add_argument("--out", type=Path, default=RESULTS / "quick" if quick else RESULTS,
                        help="folder for the .json and .md results")
    args = parser.parse_args(argv)
    results = run(args.sizes, args.repeats, args.timeout, kinds=(args.only,) if args.only else tuple(RENDERERS))
    json_path, md_path = write_results(results, args.out)
    if md_path is not None:
        print()
        print(md_path.read_text(encoding="utf-8"))
        timeout = results["params"]["timeout_s"]
        for row in results["rows"]:
            ratio, ours = row["ratio_pyvis_over_ours"], row["ours"]["stable_s"]
            if row["ratio_is_lower_bound"] and ours:
                shown = f"> {timeout / ours:.1f} (pyvis hit the {timeout:g} s cap)"
            else:
                shown = "n/a" if ratio is None else f"{ratio:.1f}"
            print(f"{row['nodes']:>6,} nodes: pyvis/ours = {shown}")
    print("wrote " + " and ".join(str(p) for p in (json_path, md_path) if p is not None))
    return 0


if __name__ == "__main__":
    sys.exit(main())
