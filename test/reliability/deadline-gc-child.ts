/**
 * Run by deadline_spec with --expose-gc: a printer-supplies node in a real Node-RED runtime polls
 * a trickling agent (an endless supplies table, every answer 20 ms late) with a short deadline,
 * while a garbage collection is forced every 50 ms, as a long-running Node-RED has them. Prints as JSON how long the poll took and how it ended.
 *
 * argv[2]: the deadline in ms.
 */
import { join } from "node:path";
import { withGeneratedTable, recordingObjects, startHostileAgent } from "../helpers/hostile";
import { helper } from "../helpers/nodered";

const FIXTURE = join(__dirname, "..", "fixtures", "printers", "colour-laser.snmprec");
const SUPPLIES_ENTRY = "1.3.6.1.2.1.43.11.1.1";

async function main(): Promise<void> {
    const deadline = Number(process.argv[2] ?? 1500);
    const gc = (globalThis as { gc?: () => void }).gc;
    if (gc === undefined) throw new Error("run with --expose-gc");
    const agent = await startHostileAgent({
        space: withGeneratedTable(recordingObjects(FIXTURE), SUPPLIES_ENTRY, Infinity, (i) => [1, i]),
        behave: (x) => [{ data: x.encode(x.answer()), delayMs: 20 }],
    });
    helper.init(require.resolve("node-red"));
    /* eslint-disable @typescript-eslint/no-require-imports */
    const nodes = [require("../../nodes/snmp-credentials"), require("../../nodes/printer-supplies")];
    /* eslint-enable @typescript-eslint/no-require-imports */
    await helper.load(
        nodes,
        [
            // Without the deadline, 1,000,000 rows at 25 a request and 20 ms an answer: 800 s.
            {
                id: "c",
                type: "snmp-credentials",
                timeout: "2000",
                maxRows: "1000000",
                deadline: String(deadline),
            },
            {
                id: "p",
                type: "printer-supplies",
                snmp: "c",
                devices: `${agent.host}:${agent.port} trickle`,
                wires: [["out"], []],
            },
            { id: "out", type: "helper" },
        ],
        { c: { community: "public" } },
    );
    const collector = setInterval(() => gc(), 50);
    const started = Date.now();
    const outcome = await new Promise<Record<string, unknown>>((resolve) => {
        const giveUp = setTimeout(() => resolve({ code: "still polling" }), deadline + 20_000);
        helper.getNode("out")?.on("input", (msg) => {
            clearTimeout(giveUp);
            const payload = msg.payload as { error?: { code?: string; message?: string } };
            resolve({ code: payload.error?.code ?? "reading", message: payload.error?.message });
        });
        helper.getNode("p")?.receive({ payload: "poll" });
    });
    const ms = Date.now() - started;
    clearInterval(collector);
    await helper.unload();
    await agent.stop();
    process.stdout.write(JSON.stringify({ ...outcome, ms, requests: agent.requests.length }));
}

main().then(
    () => process.exit(0),
    (err: unknown) => {
        process.stderr.write(String(err instanceof Error ? err.stack : err));
        process.exit(1);
    },
);
