/**
 * Run by watchdog_spec with a small open-file limit (ulimit -n): uses up every file descriptor,
 * then asks net-snmp directly, and the package's session, for one value. The socket's implicit
 * bind fails with EMFILE, a real socket error on loopback. Prints what each did as JSON.
 */
import fs from "node:fs";
import snmp from "net-snmp";
import { SnmpSession } from "../../nodes/lib/snmp/session";
import { normalizeSettings } from "../../nodes/lib/snmp/settings";

async function main(): Promise<void> {
    const port = Number(process.argv[2]);
    const fds: number[] = [];
    // Take every free descriptor; again before each attempt, since Node may have closed one of
    // its own in between (the attempt would then bind and time out instead of failing).
    const takeAll = (): void => {
        try {
            for (;;) fds.push(fs.openSync("/dev/null", "r"));
        } catch {
            // Every descriptor is taken now.
        }
    };
    takeAll();
    const out: Record<string, unknown> = { descriptorsTaken: fds.length };

    takeAll();
    const raw = snmp.createSession("127.0.0.1", "public", { port, timeout: 200, retries: 0 });
    raw.on("error", () => undefined);
    let calledBack = false;
    raw.get(["1.3.6.1.2.1.1.5.0"], () => {
        calledBack = true;
    });
    // Five times net-snmp's own timeout.
    await new Promise((r) => setTimeout(r, 1000));
    out.netSnmpCalledBack = calledBack;

    takeAll();
    const session = await SnmpSession.open(
        "127.0.0.1",
        normalizeSettings({ port, timeout: 200, retries: 0 }),
    );
    const started = Date.now();
    try {
        await session.get(["1.3.6.1.2.1.1.5.0"]);
        out.session = "answered";
    } catch (err) {
        const e = err as { code?: string; message?: string };
        out.session = { code: e.code, message: e.message, ms: Date.now() - started };
    }
    session.close();
    process.stdout.write(JSON.stringify(out));
    process.exit(0);
}

void main();
