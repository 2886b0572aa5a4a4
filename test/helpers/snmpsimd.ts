/**
 * Debian's snmpsimd (the independent SNMP agent, not the project's simulator) serving .snmprec
 * files in place on one loopback address: each file answers under the community that is its base
 * name (snmpsim's convention). Its index goes to a temporary folder removed on stop.
 */
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { chmodSync, mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { SnmpSession } from "../../nodes/lib/snmp/session";
import { normalizeSettings } from "../../nodes/lib/snmp/settings";
import { freeUdpPort } from "../../tools/sim/network";

export interface Snmpsimd {
    host: string;
    port: number;
    stop(): Promise<void>;
}

/** Whether snmpsimd is installed (a test skips with a message when not). */
export function haveSnmpsimd(): boolean {
    return spawnSync("snmpsimd", ["--version"], { stdio: "ignore" }).error === undefined;
}

/**
 * Start snmpsimd on `host` (loopback only) and wait until it answers `probeCommunity` (it indexes
 * every file first, which takes a few seconds for a hundred recordings).
 */
export async function startSnmpsimd(
    dataDirs: readonly string[],
    host: string,
    probeCommunity: string,
    readyWithin = 90_000,
): Promise<Snmpsimd> {
    if (!host.startsWith("127.")) throw new Error("snmpsimd is started on loopback only");
    const port = await freeUdpPort(host);
    const cache = mkdtempSync(path.join(os.tmpdir(), "snmpsimd-"));
    const args = [
        ...dataDirs.map((d) => `--data-dir=${d}`),
        `--cache-dir=${cache}`,
        `--agent-udpv4-endpoint=${host}:${port}`,
        "--logging-method=null",
    ];
    // As root it insists on dropping privileges; the index folder must then be theirs to write.
    if (process.getuid?.() === 0) {
        chmodSync(cache, 0o777);
        args.push("--process-user=nobody", "--process-group=nogroup");
    }
    const child: ChildProcess = spawn("snmpsimd", args, { stdio: ["ignore", "ignore", "pipe"] });
    let stderr = "";
    child.stderr?.on("data", (b: Buffer) => {
        stderr = (stderr + b.toString()).slice(-2000);
    });
    const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
    const stop = async (): Promise<void> => {
        if (child.exitCode === null && child.signalCode === null) child.kill("SIGTERM");
        await exited;
        rmSync(cache, { recursive: true, force: true });
    };

    const deadline = Date.now() + readyWithin;
    const settings = {
        ...normalizeSettings({ version: "2c", port, community: probeCommunity }),
        timeout: 1000,
    };
    for (;;) {
        if (child.exitCode !== null) {
            await stop();
            throw new Error(`snmpsimd ended (${child.exitCode}): ${stderr}`);
        }
        const session = await SnmpSession.open(host, settings);
        try {
            await session.get(["1.3.6.1.2.1.1.2.0"]);
            return { host, port, stop };
        } catch {
            if (Date.now() > deadline) {
                await stop();
                throw new Error(`snmpsimd did not answer within ${readyWithin} ms: ${stderr}`);
            }
        } finally {
            session.close();
        }
    }
}
