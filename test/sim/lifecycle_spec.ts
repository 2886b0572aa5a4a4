/**
 * Start, stop and configuration: no leaked sockets or timers, loopback only, clear errors for
 * configuration mistakes, loading recordings from disk, and the CLI.
 */
import assert from "node:assert/strict";
import { spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { loadDevices, startSimulator } from "../../tools/sim/index";
import { parseArgs } from "../../tools/sim/cli";
import { Client, FIXTURES, fixture, sleep } from "./helpers";

function resources(): { udp: number; timers: number } {
    const info = process.getActiveResourcesInfo();
    return {
        udp: info.filter((r) => r === "UDPWrap").length,
        timers: info.filter((r) => r === "Timeout").length,
    };
}

/** Let closed handles leave the active list. */
async function settle(): Promise<void> {
    await new Promise((r) => setImmediate(r));
    await sleep(10);
}

const laser = fixture("printers/colour-laser.snmprec");

describe("simulator: lifecycle", function () {
    it("stop() closes every socket and clears every timer, even with answers still delayed", async function () {
        await settle();
        const before = resources();
        const sim = await startSimulator({
            devices: [
                { name: "a", file: laser },
                { name: "b", file: laser, port: 0 },
                { name: "c", file: laser, port: 0, address: "127.0.0.3" },
            ],
            faults: { delayMs: 5_000 },
            dynamic: { intervalMs: 1_000 },
        });
        assert.equal(resources().udp, before.udp + 3);
        const c = Client.community(sim.endpoint("a"), "2c", { timeout: 10_000 });
        const pending = c.get(["1.3.6.1.2.1.1.5.0"]).catch((e: Error) => e);
        for (let i = 0; i < 200 && sim.log.length === 0; i++) await sleep(10);
        assert.equal(sim.log.length, 1, "the request arrived and waits for its delayed answer");
        assert.equal(sim.log[0]!.answeredAt, undefined);
        await sim.stop();
        c.close();
        assert.ok((await pending) instanceof Error);
        await settle();
        assert.deepEqual(resources(), before);
        await sim.stop(); // twice is harmless
    });

    it("binds to loopback only", async function () {
        await settle();
        const before = resources();
        for (const address of ["0.0.0.0", "192.168.1.10", "::1", "localhost"]) {
            await assert.rejects(startSimulator({ devices: [], address }), /loopback/);
            await assert.rejects(
                startSimulator({ devices: [{ name: "x", records: "", address }] }),
                /loopback/,
            );
        }
        await settle();
        assert.deepEqual(resources(), before);
    });

    it("rejects configuration mistakes with a clear message and no leaked socket", async function () {
        await settle();
        const before = resources();
        const first = await startSimulator({ devices: [{ name: "a", file: laser }] });
        try {
            await assert.rejects(
                startSimulator({ devices: [], port: first.port }),
                /could not listen on 127\.0\.0\.1:\d+/,
            );
        } finally {
            await first.stop();
        }
        await assert.rejects(
            startSimulator({
                devices: [
                    { name: "a", records: "" },
                    { name: "a", records: "" },
                ],
            }),
            /two simulated devices are named "a"/,
        );
        await assert.rejects(
            startSimulator({
                devices: [
                    { name: "a", records: "", community: "public" },
                    { name: "b", records: "", community: "public" },
                ],
            }),
            /share .* community "public"/,
        );
        await assert.rejects(
            startSimulator({
                devices: [
                    {
                        name: "a",
                        records: "",
                        v3: { users: [{ name: "u", privProtocol: "aes", privKey: "12345678" }] },
                    },
                ],
            }),
            /privacy needs authentication/,
        );
        await assert.rejects(startSimulator({ devices: [], maxMsgSize: 100 }), /maxMsgSize/);
        await assert.rejects(startSimulator({ devices: [], dynamic: { intervalMs: 0 } }), /intervalMs/);
        await assert.rejects(
            startSimulator({ devices: [{ name: "a", records: "", v3: { engineId: "xyz", users: [] } }] }),
            /engineId must be 5 to 32 octets/,
        );
        await assert.rejects(
            startSimulator({ devices: [{ name: "a", file: "/nonexistent/a.snmprec" }] }),
            /cannot read the recording \/nonexistent\/a\.snmprec/,
        );
        await settle();
        assert.deepEqual(resources(), before);
    });

    it("loads devices from directories: base names, and name@context files as contexts", async function () {
        // Other fixtures join these over time (one per node's quirks): the foundation six must load.
        const fixtures = loadDevices([FIXTURES]).map((d) => d.name);
        for (const name of [
            "cisco-wlc",
            "colour-laser",
            "inkjet",
            "mikrotik-router",
            "mono-quirks",
            "unifi-ap",
        ]) {
            assert.ok(fixtures.includes(name), name);
        }
        const dir = fs.mkdtempSync(path.join(os.tmpdir(), "sim-"));
        try {
            fs.writeFileSync(path.join(dir, "hp.snmprec"), "1.3.6.1.2.1.1.5.0|4|hp\n");
            fs.writeFileSync(path.join(dir, "hp@Jetdirect.snmprec"), "1.3.6.1.2.1.43.11.1.1.9.1.1|2|77\n");
            const devices = loadDevices([dir]);
            assert.deepEqual(
                devices.map((d) => [d.name, Object.keys(d.contexts ?? {})]),
                [["hp", ["Jetdirect"]]],
            );
            const sim = await startSimulator({ devices });
            const c = Client.community({ ...sim.endpoint("hp"), community: "hp@Jetdirect" }, "2c");
            try {
                assert.equal((await c.get(["1.3.6.1.2.1.43.11.1.1.9.1.1"]))[0]!.value, 77);
            } finally {
                c.close();
                await sim.stop();
            }
        } finally {
            fs.rmSync(dir, { recursive: true, force: true });
        }
    });

    it("parses the CLI options and refuses bad ones", function () {
        assert.deepEqual(
            parseArgs([
                "a",
                "--port",
                "1161",
                "--port-per-device",
                "--delay",
                "20",
                "--loss",
                "0.1",
                "--dynamic",
                "b",
            ]),
            {
                paths: ["a", "b"],
                port: 1161,
                address: "127.0.0.1",
                portPerDevice: true,
                faults: { delayMs: 20, lossRate: 0.1 },
                dynamic: true,
                help: false,
            },
        );
        assert.throws(() => parseArgs(["--loss", "2"]), /--loss needs a number from 0 to 1/);
        assert.throws(() => parseArgs(["--frobnicate"]), /unknown option --frobnicate/);
    });

    it("prints every option with --help and exits 0", function () {
        const cli = path.join(__dirname, "..", "..", "tools", "sim", "cli.js");
        for (const flag of ["--help", "-h"]) {
            const run = spawnSync(process.execPath, [cli, flag], { encoding: "utf8", timeout: 20_000 });
            assert.equal(run.status, 0, run.stderr);
            assert.equal(run.stderr, "");
            for (const option of [
                "--port",
                "--port-per-device",
                "--address",
                "--delay",
                "--jitter",
                "--loss",
                "--dynamic",
                "--seed",
                "--help",
            ]) {
                assert.match(
                    run.stdout,
                    new RegExp(`^\\s+${option}\\b.*\\w`, "m"),
                    `${flag} explains ${option}`,
                );
            }
            assert.doesNotMatch(run.stdout, /serving/, "and serves nothing");
        }
        const bad = spawnSync(process.execPath, [cli, "--frobnicate"], { encoding: "utf8", timeout: 20_000 });
        assert.equal(bad.status, 2);
        assert.match(bad.stderr, /unknown option --frobnicate\nusage:/);
    });

    it("runs from the command line: one line per device, answers, stops on SIGINT", async function () {
        const cli = path.join(__dirname, "..", "..", "tools", "sim", "cli.js");
        const child = spawn(process.execPath, [cli, "--port-per-device"], {
            stdio: ["ignore", "pipe", "pipe"],
        });
        try {
            let out = "";
            child.stdout.on("data", (d: Buffer) => (out += d.toString()));
            for (let i = 0; i < 500 && !out.includes("serving"); i++) await sleep(20);
            const lines = out.split("\n").filter((l) => /community/.test(l));
            assert.equal(lines.length, loadDevices([FIXTURES]).length, out);
            const wlc = /^cisco-wlc\s+community (\S+)\s+(127\.0\.0\.1):(\d+)$/.exec(
                lines.find((l) => l.startsWith("cisco-wlc"))!,
            );
            assert.ok(wlc, out);
            const c = Client.community({ host: wlc[2]!, port: Number(wlc[3]), community: wlc[1]! }, "2c");
            try {
                assert.equal(String((await c.get(["1.3.6.1.2.1.1.5.0"]))[0]!.value), "wlc-hq");
            } finally {
                c.close();
            }
            const exited = new Promise<number | null>((r) => child.once("exit", (code) => r(code)));
            child.kill("SIGINT");
            assert.equal(await exited, 0);
        } finally {
            if (child.exitCode === null) child.kill("SIGKILL");
        }
    });
});
