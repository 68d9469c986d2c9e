#!/usr/bin/env python3
"""The API contract check: /api/v1/openapi.json must describe exactly what the API accepts and
answers.

For every role that has API access (all nine demo roles), a fresh `standort serve --demo` on a
new SQLite file is started, the role's demo login creates a personal access token through the
account page (as a person would), and Schemathesis runs every check (`--checks all`) with a
fixed seed and a bounded number of examples, stateful phase included (the document's links:
create -> read/update/delete). Any failure fails the run. Then a client generated from the
document with openapi-python-client lists, reads and creates the main records
(client_test.py).

Usage (from the repository root, with the packages of e2e/api/requirements.txt installed):

    STANDORT_BIN=target/debug/standort python3 e2e/api/contract.py [--roles staff,admin]
        [--max-examples 20] [--seed 20261203] [--jobs 2] [--skip-client] [--skip-schemathesis]

Only the Python standard library is used here; Schemathesis and the generator are called as
programs.
"""

import argparse
import concurrent.futures
import http.cookiejar
import os
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
import urllib.request

HERE = os.path.dirname(os.path.abspath(__file__))
PASSWORD = "standort-demo"
# Demo logins (crates/app/src/demo.rs, showcase/demo.rs): every role has API access (policy:
# ManageOwnAccount).
ROLES = ["staff", "admin", "counsellor", "planner", "employer", "buyer", "candidate", "producer",
         "partner"]
SEED = 20261203
MAX_EXAMPLES = 20


class Server:
    """`standort serve --demo` on 127.0.0.1 port 0 with a fresh SQLite file."""

    def __init__(self, binary):
        self.dir = tempfile.mkdtemp(prefix="standort-api-")
        self.log = []
        env = dict(os.environ, STANDORT_LOG=os.environ.get("STANDORT_LOG", "warn"))
        self.proc = subprocess.Popen(
            [binary, "serve", "--database", f"sqlite://{self.dir}/standort.db",
             "--listen", "127.0.0.1:0", "--demo"],
            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, env=env,
        )
        found = threading.Event()
        self.url = None

        def read():
            for line in self.proc.stderr:
                self.log.append(line)
                m = re.search(r"running at (http://[^\s/]+)/", line)
                if m and not found.is_set():
                    self.url = m.group(1)
                    found.set()

        threading.Thread(target=read, daemon=True).start()
        if not found.wait(120) or self.url is None:
            self.stop()
            raise SystemExit("standort did not start:\n" + "".join(self.log))

    def stop(self):
        if self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
        shutil.rmtree(self.dir, ignore_errors=True)


def csrf_of(html):
    m = re.search(r'name="csrf" value="([^"]+)"', html)
    if not m:
        raise SystemExit("no CSRF field on the page")
    return m.group(1)


def create_token(base, who):
    """Logs in as the demo `who` and creates a personal access token on the account page."""
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))

    def post(path, fields):
        data = urllib.parse.urlencode(fields).encode()
        return opener.open(urllib.request.Request(base + path, data=data)).read().decode()

    html = opener.open(base + "/login").read().decode()
    post("/login", {"csrf": csrf_of(html), "email": f"{who}@demo.standort.example",
                    "password": PASSWORD, "next": "/account"})
    html = opener.open(base + "/account").read().decode()
    html = post("/account/tokens", {"csrf": csrf_of(html), "name": "api contract check"})
    m = re.search(r"stdt_[A-Za-z0-9_-]+", html)
    if not m:
        raise SystemExit(f"{who}: the account page showed no new token")
    return m.group(0)


def schemathesis(base, token, who, args, report_dir):
    """Schemathesis with every check against the running server; returns its exit code."""
    exe = shutil.which("schemathesis") or os.path.join(os.path.dirname(sys.executable), "schemathesis")
    cmd = [
        exe, "--config-file", os.path.join(HERE, "schemathesis.toml"), "run",
        f"{base}/api/v1/openapi.json",
        "--checks", "all",
        "--seed", str(args.seed),
        "--max-examples", str(args.max_examples),
        "--generation-database", "none",
        # A projection run takes seconds, in a debug build on a busy CI machine more than
        # Schemathesis' default limit of 10 s (`max_response_time`, part of `--checks all`).
        "--request-timeout", "120",
        "--max-response-time", "120",
        "--no-color",
        "--header", f"Authorization: Bearer {token}",
        "--report", "junit",
        "--report-junit-path", os.path.join(report_dir, f"schemathesis-{who}.xml"),
    ]
    # Each role's output is kept and printed whole when it ends: roles run side by side.
    done = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    return done.returncode, done.stdout


def client_test(base, tokens):
    """Generates a Python client from the document and runs client_test.py with it."""
    out = tempfile.mkdtemp(prefix="standort-client-")
    try:
        spec = os.path.join(out, "openapi.json")
        urllib.request.urlretrieve(f"{base}/api/v1/openapi.json", spec)
        gen = shutil.which("openapi-python-client") or os.path.join(
            os.path.dirname(sys.executable), "openapi-python-client")
        subprocess.check_call([gen, "generate", "--path", spec, "--output-path",
                               os.path.join(out, "standort_client"), "--meta", "none",
                               "--config", os.path.join(HERE, "client-config.yaml")])
        env = dict(os.environ, PYTHONPATH=out, STANDORT_URL=base,
                   STANDORT_STAFF_TOKEN=tokens["staff"], STANDORT_ADMIN_TOKEN=tokens["admin"])
        print("::: generated client", flush=True)
        return subprocess.call([sys.executable, os.path.join(HERE, "client_test.py")], env=env)
    finally:
        shutil.rmtree(out, ignore_errors=True)


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--bin", default=os.environ.get("STANDORT_BIN", "target/debug/standort"))
    p.add_argument("--roles", default=",".join(ROLES))
    p.add_argument("--max-examples", type=int, default=MAX_EXAMPLES)
    p.add_argument("--seed", type=int, default=SEED)
    p.add_argument("--report-dir", default=os.path.join(HERE, "reports"))
    p.add_argument("--jobs", type=int, default=int(os.environ.get("CONTRACT_JOBS", 2)),
                   help="roles checked side by side, each with its own server (default 2)")
    p.add_argument("--skip-client", action="store_true")
    p.add_argument("--skip-schemathesis", action="store_true")
    args = p.parse_args()
    os.makedirs(args.report_dir, exist_ok=True)
    failed = []
    if not args.skip_schemathesis:
        print_lock = threading.Lock()

        def one_role(who):
            # A fresh server per role: one role's writes (an administrator disabling accounts
            # with fuzzed ids) must not change what another role finds.
            server = Server(args.bin)
            try:
                t0 = time.time()
                rc, out = schemathesis(server.url, create_token(server.url, who), who, args, args.report_dir)
                with print_lock:
                    print(f"::: schemathesis as {who}\n{out}", flush=True)
                    print(f"::: schemathesis as {who}: exit {rc} in {time.time() - t0:.0f}s", flush=True)
                return who, rc
            finally:
                server.stop()

        # Each role has its own server and SQLite file, so roles run side by side: on two cores
        # Schemathesis (Python) and the server (Rust) of two roles keep both cores busy.
        with concurrent.futures.ThreadPoolExecutor(max_workers=max(1, args.jobs)) as pool:
            for who, rc in pool.map(one_role, args.roles.split(",")):
                if rc != 0:
                    failed.append(f"schemathesis as {who}")
    if not args.skip_client:
        server = Server(args.bin)
        try:
            tokens = {who: create_token(server.url, who) for who in ("staff", "admin")}
            if client_test(server.url, tokens) != 0:
                failed.append("generated client")
        finally:
            server.stop()
    if failed:
        print("::: API contract FAILED: " + ", ".join(failed), file=sys.stderr)
        return 1
    print("::: API contract: all passed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
