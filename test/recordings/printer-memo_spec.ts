/**
 * A steady-state poll takes what an earlier decode worked out from the cached objects (devices,
 * charsets, vendor, identity, cleaned labels, the facts of supplies and trays) instead of working
 * it out again. It must give the reading a decode from scratch gives: checked for every printer
 * fixture and every printer recording, each served by the simulator over UDP on loopback.
 */
import assert from "node:assert/strict";
import { existsSync } from "node:fs";
import path from "node:path";
import { loadDevices, startSimulator, type Simulator } from "../../tools/sim";
import { PrinterCache } from "../../nodes/lib/printer/cache";
import { pollPrinter, type PrinterPollOptions } from "../../nodes/lib/printer/poll-printer";
import { withSimSession } from "../helpers/sim-session";

const FIXTURES = path.join(__dirname, "..", "fixtures", "printers");
const PRINTERS = path.join(__dirname, "..", "..", "..", "shared", "recordings", "printers");

describe("steady-state decode with what the first poll worked out", function () {
    this.timeout(120_000);
    let sim: Simulator;
    let names: string[];

    before(async () => {
        const devices = [
            ...loadDevices([FIXTURES], { dynamics: false }),
            ...(existsSync(PRINTERS) ? loadDevices([PRINTERS], { dynamics: false }) : []),
        ];
        if (!existsSync(PRINTERS)) console.log(`      (recordings absent at ${PRINTERS}: fixtures only)`);
        names = devices.map((d) => d.name);
        sim = await startSimulator({ devices });
    });
    after(async () => {
        await sim?.stop();
    });

    it("gives every printer the reading a decode from scratch gives, poll after poll", async () => {
        let compared = 0;
        const problems: string[] = [];
        for (const name of names) {
            await withSimSession(sim, name, async (session, settings, key) => {
                const cache = new PrinterCache();
                const options: PrinterPollOptions = {
                    lowLevel: 10,
                    invertReceptacles: false,
                    maxRepetitions: settings.maxRepetitions,
                    maxRows: settings.maxRows,
                    now: () => Date.UTC(2024, 0, 1),
                };
                try {
                    await pollPrinter(session, key, cache, options);
                } catch {
                    return; // not a printer (detection-only walks): nothing cached
                }
                const entry = cache.get(key);
                assert.ok(entry !== undefined, `${name}: cached`);
                assert.ok(entry.memo.identity !== undefined, `${name}: the first poll filled the memo`);
                assert.ok(entry.memo.facts?.has("supplies"), `${name}: the supplies' facts are in the memo`);
                assert.ok(entry.memo.facts?.has("trays"), `${name}: the trays' facts are in the memo`);
                const withMemo = await pollPrinter(session, key, cache, options);
                const again = await pollPrinter(session, key, cache, options);
                // The same cached objects decoded from scratch.
                entry.memo = {};
                const scratch = await pollPrinter(session, key, cache, options);
                if (withMemo.discovered || scratch.discovered) return; // a stale cache: nothing to compare
                compared++;
                for (const [label, r] of [
                    ["second poll", withMemo],
                    ["third poll", again],
                ] as const) {
                    try {
                        assert.deepEqual(r.reading, scratch.reading);
                    } catch {
                        problems.push(`${name}: the ${label} differs from a decode from scratch`);
                    }
                }
            });
        }
        assert.ok(compared >= 10, `steady-state polls compared: ${compared}`);
        assert.deepEqual(problems, []);
    });
});
