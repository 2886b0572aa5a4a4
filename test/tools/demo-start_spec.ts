/**
 * `npm start` as a user meets it: Node-RED's info log on the console, no error or credential
 * warning while it starts (even with an editor page already asking), the simulated devices
 * listed with their addresses, Ctrl-C stops it; a second start does not rebuild.
 */
import assert from "node:assert/strict";
import { spawn, spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { OFFICE_PRINTERS, OFFICE_WIFI } from "../../tools/demo/office";
import { PROJECT_ROOT } from "../../tools/runtime";

function sleep(ms: number): Promise<void> {
    return new Promise((resolve) => setTimeout(resolve, ms));
}

function freePort(): Promise<number> {
    return new Promise((resolve, reject) => {
        const server = createServer();
        server.once("error", reject);
        server.listen(0, "127.0.0.1", () => {
            const address = server.address();
            server.close(() => resolve(typeof address === "object" && address ? address.port : 0));
        });
    });
}

describe("npm start", function () {
    this.timeout(120_000);

    it("shows Node-RED's log and the simulated devices, with no error or warning while it starts", async () => {
        const userDir = mkdtempSync(join(tmpdir(), "snmp-office-demo-"));
        const port = await freePort();
        const child = spawn(
            process.execPath,
            [join(PROJECT_ROOT, "tools", "demo", "start.js"), "--user-dir", userDir],
            {
                env: { ...process.env, PORT: String(port), HOST: "127.0.0.1" },
                stdio: ["ignore", "pipe", "pipe"],
            },
        );
        let out = "";
        child.stdout.on("data", (d: Buffer) => (out += d.toString()));
        child.stderr.on("data", (d: Buffer) => (out += d.toString()));
        const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
        try {
            // An editor left open in a browser asks again and again while Node-RED starts.
            const deadline = Date.now() + 90_000;
            while (!out.includes("Ctrl-C to stop.")) {
                assert.ok(
                    Date.now() < deadline && child.exitCode === null,
                    `npm start did not come up:\n${out}`,
                );
                await fetch(`http://127.0.0.1:${port}/`).then(
                    (res) => res.text(),
                    () => "", // not listening yet
                );
                await sleep(100);
            }
            assert.match(out, /\[info\] Started flows/, "Node-RED's info log is shown");
            assert.doesNotMatch(out, /runtime not started/i);
            assert.doesNotMatch(out, /Encrypted credentials not found/);
            assert.doesNotMatch(out, /\[(warn|error)\]/, out);
            const printers = out.match(/^ {2}printer +127\.\d+\.\d+\.\d+:\d+ +\S.*$/gm) ?? [];
            const wifi = out.match(/^ {2}Wi-Fi +127\.\d+\.\d+\.\d+:\d+ +\S.*$/gm) ?? [];
            assert.deepEqual(
                printers.map((l) => l.replace(/^.*:\d+ +/, "")),
                OFFICE_PRINTERS.map((d) => d.name),
                out,
            );
            assert.deepEqual(
                wifi.map((l) => l.replace(/^.*:\d+ +/, "")),
                OFFICE_WIFI.map((d) => d.name),
            );
            assert.match(out, new RegExp(`Editor: +http://127\\.0\\.0\\.1:${port}/`));
            const res = await fetch(`http://127.0.0.1:${port}/ui/`);
            assert.equal(res.status, 200);
            await res.text();
        } finally {
            child.kill("SIGINT");
            const code = await exited;
            rmSync(userDir, { recursive: true, force: true });
            assert.equal(code, 0, `Ctrl-C stops it cleanly:\n${out}`);
        }
    });

    it("does not rebuild when nothing changed", () => {
        const pkg = JSON.parse(readFileSync(join(PROJECT_ROOT, "package.json"), "utf8")) as {
            scripts: Record<string, string>;
        };
        assert.match(pkg.scripts.start ?? "", /^npm run build && /);
        assert.match(
            pkg.scripts.build ?? "",
            /^tsc -b \. && /,
            "the build skips what is up to date (tsc -b)",
        );
        // A first build (nothing to do after npm test's own), then a second one finds nothing to do.
        const tsc = join(PROJECT_ROOT, "node_modules", "typescript", "bin", "tsc");
        const first = spawnSync(process.execPath, [tsc, "-b", "."], { cwd: PROJECT_ROOT, encoding: "utf8" });
        assert.equal(first.status, 0, first.stdout + first.stderr);
        const run = spawnSync(process.execPath, [tsc, "-b", ".", "--dry", "--verbose"], {
            cwd: PROJECT_ROOT,
            encoding: "utf8",
        });
        assert.equal(run.status, 0, run.stdout + run.stderr);
        assert.match(run.stdout, /is up to date/, run.stdout);
    });
});
