"""Kernels for the report build: a fresh kernel per report, started in milliseconds instead of seconds.

Each report runs in a kernel nobody used before, as it would in JupyterLab. Starting one the usual way
(a new Python that then imports pandas, matplotlib, scikit-learn and begrotingslab) costs about three
seconds of CPU per report: more than most notebooks compute, and on a small machine the build is bound by
CPU. So every build worker keeps one *template* process that has imported all of that once, and forks it
for each kernel (a fork server, as ``multiprocessing`` has one). The fork is a new process with its own
memory and state; only the imports are already done.

Kernels talk over IPC sockets, so many kernels starting at once cannot collide on TCP ports. Where ``fork``
is missing, the template fails, ``BEGROTINGSLAB_FORK_KERNELS=0`` is set, or a jupyter_client release no longer
has the private methods the fork path overrides, kernels start the usual way: slower, never failing.
"""
from __future__ import annotations

import gc
import json
import os
import signal
import subprocess
import sys
import tempfile
import threading
import time
import uuid

from jupyter_client.manager import AsyncKernelManager

from ..paths import DATA_ENV, processed_dir

# What notebooks import: done once in the template instead of once per report.
PRELOAD = ("pandas", "matplotlib.pyplot", "IPython.display", "scipy.optimize", "sklearn.decomposition",
           "sklearn.feature_extraction.text", "sklearn.metrics.pairwise", "begrotingslab.corpus",
           "begrotingslab.plots", "begrotingslab.present", "begrotingslab.themes", "begrotingslab.ambitions",
           "begrotingslab.compare", "begrotingslab.overview", "begrotingslab.terms", "begrotingslab.buildcache",
           "begrotingslab.money", "begrotingslab.money.views", "begrotingslab.accountability",
           "begrotingslab.accountability.views", "ipykernel.kernelapp", "ipykernel.debugger",
           # what every kernel still imported itself (found by comparing sys.modules): reading the corpus
           # (pyarrow's dataset layer, for the filtered Parquet read), the inline backend's own imports (not
           # matplotlib_inline.backend_inline itself: importing it is what hooks it into the kernel's shell),
           # and the shell's history, debugger and inspector
           "pyarrow.parquet", "pyarrow.dataset", "IPython.core.pylabtools",
           "matplotlib.backends.backend_agg", "matplotlib.backends.backend_svg", "PIL.PngImagePlugin",
           "PIL.BmpImagePlugin", "PIL.GifImagePlugin", "PIL.JpegImagePlugin", "PIL.PpmImagePlugin", "PIL.features",
           "sqlite3", "pdb", "IPython.core.debugger", "IPython.core.oinspect", "IPython.core.completerlib",
           "IPython.core.logger", "IPython.extensions.storemagic", "IPython.utils.wildcard", "tornado.platform.asyncio",
           "pandas.core.methods.to_dict", "pandas.core.reshape.reshape", "zoneinfo")
TAXONOMY_ENV = "BEGROTINGSLAB_TAXONOMY"  # the build's taxonomy, compiled in the template before any fork
FORK_ENV = "BEGROTINGSLAB_FORK_KERNELS"  # "0": no template, every kernel started the usual way
# The private jupyter_client methods ForkingKernelManager overrides or calls; without them, no forking.
PRIVATE_API = ("_async_launch_kernel", "_reconcile_connection_info")
INLINE_BACKEND = "module://matplotlib_inline.backend_inline"


# ---------------------------------------------------------------------------------- the template process

def serve() -> None:
    """The template: import everything, then fork one kernel per request read from stdin.

    A request is one JSON line {"argv": [...], "cwd": ..., "env": {...}}; the answer is {"pid": N}.
    The template ends when its worker goes away (stdin closes); its kernels follow it.
    """
    import importlib

    if sys.path and sys.path[0] in ("", os.getcwd()):
        del sys.path[0]  # as ipykernel_launcher does; the kernel puts its own cwd back
    os.environ.setdefault("MPLBACKEND", INLINE_BACKEND)  # what ipykernel sets before matplotlib loads
    os.environ.setdefault("PYDEVD_DISABLE_FILE_VALIDATION", "1")  # the debugger's import warns on stderr otherwise
    for name in PRELOAD:
        try:
            importlib.import_module(name)
        except Exception:  # an optional library missing: the kernel imports it (or fails) itself
            pass
    _warm()
    # everything imported so far stays for the template's life: out of the garbage collector's sight, a
    # kernel's collections do not walk (and so copy, page by page, from the template) a million objects
    # that can never be garbage
    gc.collect()
    gc.freeze()
    # finished kernels are reaped here (not ignored), so their CPU time counts in the template's and so in
    # the build's: `time begrotingslab build` and bench_build report what the reports really cost
    signal.signal(signal.SIGCHLD, _reap)
    out = sys.stdout
    out.write("ready\n")
    out.flush()
    for line in sys.stdin:
        request = json.loads(line)
        pid = os.fork()
        if pid == 0:
            _become_kernel(request)
        out.write(json.dumps({"pid": pid}) + "\n")
        out.flush()


def _reap(signum=None, frame=None) -> None:
    """Collect every kernel that has ended (called on SIGCHLD)."""
    while True:
        try:
            pid, _ = os.waitpid(-1, os.WNOHANG)
        except ChildProcessError:
            return
        if pid == 0:
            return


def _warm() -> None:
    """Work every kernel of a build repeats, done once here: compiling the theme taxonomy (a second per kernel),
    with the lemmas the build stored (so simplemma's dictionary, most of that second, is not loaded at all)."""
    try:
        from begrotingslab.text import load_lemma_store
        from begrotingslab.themes import load_taxonomy

        if os.environ.get(DATA_ENV):  # the build's data folder: its lemma store
            load_lemma_store(processed_dir(os.environ[DATA_ENV]))
        load_taxonomy(os.environ.get(TAXONOMY_ENV) or None)
    except Exception:  # a kernel that needs it reports the problem itself
        pass
    _warm_charts()
    _warm_templates()
    _skip_redundant_draws()


def _warm_charts() -> None:
    """Load what every chart needs once, here: the fonts (and matplotlib's cache of which file has which
    font), found and opened on the first text a kernel draws. A figure drawn without pyplot and under
    matplotlib's defaults: nothing of it is left for a kernel to see (no figure, no style, no backend)."""
    try:
        import io

        import matplotlib
        from matplotlib.figure import Figure

        with matplotlib.rc_context():
            for weight in ("normal", "bold"):
                figure = Figure(figsize=(2, 1))
                axes = figure.subplots()
                axes.barh(["a"], [1])
                axes.bar_label(axes.containers[0], fontsize=9)
                axes.set_title("Titel", fontweight=weight)
                figure.text(0.9, 0.1, "bron", fontsize=8)
                figure.savefig(io.BytesIO(), format="svg")
    except Exception:
        pass


def _warm_templates() -> None:
    """Compile the library's Jinja templates (tables, highlighted sentences) once, here, instead of in every
    kernel that shows one; a template edited later is still recompiled (Jinja checks its file's time)."""
    try:
        from begrotingslab.paths import TEMPLATES_DIR
        from begrotingslab.templating import _environment

        environment = _environment()
        for template in sorted(TEMPLATES_DIR.glob("*.j2")):
            environment.get_template(template.name)
    except Exception:
        pass


def _skip_redundant_draws() -> None:
    """After each cell IPython has pyplot redraw every changed figure, then the inline backend renders the
    same figures to PNG and closes them: the first full draw is thrown away (a third of a report's plotting
    time). With the inline backend, kernels forked from here leave the drawing to the inline backend;
    the PNGs are the same."""
    try:
        import matplotlib
        import matplotlib.pyplot as plt
    except Exception:
        return
    draw_all_if_interactive = plt._draw_all_if_interactive

    def draw_all_unless_inline() -> None:
        if "inline" not in matplotlib.get_backend():
            draw_all_if_interactive()

    plt._draw_all_if_interactive = draw_all_unless_inline  # registered by pyplot once a kernel's shell exists


def _become_kernel(request: dict) -> None:
    """In the forked child: detach from the template's pipes and run an IPython kernel; never returns."""
    code = 0
    try:
        signal.signal(signal.SIGCHLD, signal.SIG_DFL)  # the kernel waits for its own subprocesses
        os.setsid()  # its own process group, so a kill reaches whatever it started
        devnull = os.open(os.devnull, os.O_RDWR)
        os.dup2(devnull, 0)
        os.dup2(2, 1)  # stdout was the template's answer pipe
        os.chdir(request["cwd"])
        os.environ.update(request.get("env") or {})
        from ipykernel.kernelapp import IPKernelApp

        # exit when the template (and so the build worker) is gone, as a kernel does when its parent dies
        # no SQLite history: a report kernel is never asked for it, and it costs a database, a thread and
        # a write per cell (In/Out and _ still work; they are kept in memory)
        argv = [*request["argv"], f"--IPKernelApp.parent_handle={os.getppid()}", "--HistoryManager.enabled=False"]
        sys.argv = ["ipykernel_launcher", *argv]
        app = IPKernelApp.instance()
        app.initialize(argv)
        app.start()
    except BaseException:
        import traceback

        traceback.print_exc()
        code = 1
    finally:
        os._exit(code)


# ------------------------------------------------------------------------------- the build worker's side

class KernelTemplate:
    """The worker's handle on its template process; started on first use, stopped with the worker."""

    def __init__(self):
        self.process: subprocess.Popen | None = None
        self.broken = not hasattr(os, "fork")
        self.lock = threading.Lock()  # Dask runs jobs in threads

    def fork(self, argv: list[str], cwd: str, env: dict[str, str] | None) -> int | None:
        """The pid of a new kernel forked from the template, or None (start it the usual way)."""
        with self.lock:
            if self.broken:
                return None
            try:
                if self.process is None or self.process.poll() is not None:
                    self._start({k: v for k, v in (env or {}).items() if k in (TAXONOMY_ENV, DATA_ENV)})
                changed = {k: v for k, v in (env or {}).items() if os.environ.get(k) != v}
                self.process.stdin.write(json.dumps({"argv": argv, "cwd": cwd, "env": changed}) + "\n")
                self.process.stdin.flush()
                return int(json.loads(self.process.stdout.readline())["pid"])
            except Exception:
                self.broken = True
                self.close()
                return None

    def _start(self, env: dict[str, str] | None = None) -> None:
        self.process = subprocess.Popen(
            [sys.executable, "-c", "from begrotingslab.build.kernels import serve; serve()"],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, cwd=tempfile.gettempdir(),
            env={**os.environ, **(env or {})})
        if self.process.stdout.readline().strip() != "ready":
            raise RuntimeError("kernel template did not start")

    def close(self) -> None:
        process, self.process = self.process, None
        if process is not None and process.poll() is None:
            process.stdin.close()  # the template ends at end of input
            try:
                process.wait(timeout=5)
            except subprocess.TimeoutExpired:
                process.kill()


_TEMPLATE: KernelTemplate | None = None


def template() -> KernelTemplate:
    """This process's template (one per build worker)."""
    global _TEMPLATE
    if _TEMPLATE is None:
        import atexit
        from multiprocessing import util

        _TEMPLATE = KernelTemplate()
        atexit.register(_TEMPLATE.close)  # a plain process
        util.Finalize(_TEMPLATE, _TEMPLATE.close, exitpriority=10)  # a pool worker, which leaves without atexit
    return _TEMPLATE


def close_template() -> None:
    """Stop this process's template, if any (a later kernel starts a new one, with the library as it is then)."""
    if _TEMPLATE is not None:
        _TEMPLATE.close()


class ForkedKernelProcess:
    """Enough of ``subprocess.Popen`` for jupyter_client to watch, signal and stop a forked kernel
    (the template, not this process, is its parent)."""

    stdin = stdout = stderr = None

    def __init__(self, pid: int):
        self.pid = pid
        self.returncode: int | None = None

    def poll(self) -> int | None:
        if self.returncode is None:
            try:
                os.kill(self.pid, 0)
            except ProcessLookupError:
                self.returncode = 0  # gone; its exit status went to the template
        return self.returncode

    def wait(self, timeout: float | None = None) -> int:
        deadline = None if timeout is None else time.monotonic() + timeout
        while self.poll() is None:
            if deadline is not None and time.monotonic() > deadline:
                raise subprocess.TimeoutExpired(str(self.pid), timeout)
            time.sleep(0.02)
        return self.returncode

    def send_signal(self, signum: int) -> None:
        if self.poll() is None:
            os.kill(self.pid, signum)

    def terminate(self) -> None:
        self.send_signal(signal.SIGTERM)

    def kill(self) -> None:
        self.send_signal(signal.SIGKILL)


def forking() -> bool:
    """Whether kernels are forked from a template here (else started the usual way)."""
    return (hasattr(os, "fork") and os.environ.get(FORK_ENV, "1").strip().lower() not in ("0", "no", "off", "false")
            and all(hasattr(AsyncKernelManager, name) for name in PRIVATE_API))


class BuildKernelManager(AsyncKernelManager):
    """A kernel manager on IPC sockets (public jupyter_client options only)."""

    def __init__(self, **kwargs):
        kwargs.setdefault("transport", "ipc")
        kwargs.setdefault("ip", os.path.join(tempfile.gettempdir(), f"bl-{uuid.uuid4().hex[:12]}"))
        super().__init__(**kwargs)


class ForkingKernelManager(BuildKernelManager):
    """A build kernel manager whose kernels are forked from the worker's template.

    It overrides jupyter_client's private ``_async_launch_kernel``; when that fails (a release that changed
    it), the forked kernel is stopped and this and every later kernel start the usual way.
    """

    async def _async_launch_kernel(self, kernel_cmd: list[str], **kw) -> None:
        pid = None
        if kernel_cmd[1:3] == ["-m", "ipykernel_launcher"]:
            pid = template().fork(kernel_cmd[3:], str(kw.get("cwd") or os.getcwd()), kw.get("env"))
        if pid is not None:
            try:
                provisioner = self.provisioner
                provisioner.process = ForkedKernelProcess(pid)
                provisioner.pid = provisioner.pgid = pid
                provisioner.cwd = kw.get("cwd")
                self._reconcile_connection_info(provisioner.connection_info)
                return
            except Exception:
                ForkedKernelProcess(pid).kill()
                template().broken = True
        await super()._async_launch_kernel(kernel_cmd, **kw)


def start_kernel(cwd: str, env: dict[str, str] | None = None) -> BuildKernelManager:
    """A running fresh kernel in ``cwd``, with ``env`` added to this process's environment."""
    import asyncio

    km = (ForkingKernelManager if forking() else BuildKernelManager)(kernel_name="python3")
    asyncio.run(km.start_kernel(cwd=cwd, env={**os.environ, **(env or {})}))
    return km


def stop_kernel(km) -> None:
    import asyncio

    try:
        asyncio.run(km.shutdown_kernel(now=True))
    except Exception:
        pass
