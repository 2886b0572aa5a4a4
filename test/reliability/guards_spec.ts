/**
 * Bugs the hostile cases found in the access layer, each pinned by a test against a responder on
 * loopback: what a user would otherwise see is a reading that silently lacks rows, or a secret
 * travelling with an error.
 */
import assert from "node:assert/strict";
import { levelState } from "../../nodes/lib/printer/decode";
import { runQuery } from "../../nodes/lib/snmp/query";
import { SnmpSession } from "../../nodes/lib/snmp/session";
import { normalizeSettings } from "../../nodes/lib/snmp/settings";
import { encodeInteger, encodeOctets, parseOid } from "../../tools/sim/ber";
import { listSpace, obj, startHostileAgent, type HostileAgent } from "../helpers/hostile";

const COLUMN = "1.3.6.1.2.1.43.11.1.1.9";

describe("access layer guards found by the hostile cases", function () {
    let agent: HostileAgent | undefined;
    afterEach(async () => {
        await agent?.stop();
        agent = undefined;
    });

    it("marks a column as looping when the agent answers with an OID before the one asked for", async () => {
        const rows = [1, 2, 3, 4].map((i) => obj(parseOid(`${COLUMN}.1.${i}`) ?? [], encodeInteger(10 * i)));
        const sysDescr = obj(parseOid("1.3.6.1.2.1.1.1.0") ?? [], encodeOctets("printer"));
        const space = listSpace([sysDescr, ...rows]);
        agent = await startHostileAgent({
            space,
            // After the first answer, the agent jumps back to sysDescr: outside the column, but
            // backwards. That is a broken agent, not the end of the column.
            behave: (x) => {
                const a = x.answer();
                if (x.req.seq > 1) a.varbinds[0] = sysDescr.varbind;
                return x.encode(a);
            },
        });
        const session = await SnmpSession.open(
            agent.host,
            normalizeSettings({ port: agent.port, timeout: 300 }),
        );
        try {
            const r = await runQuery(session, { columns: [COLUMN] }, { maxRepetitions: 2 });
            assert.equal(r.columns.get(COLUMN)?.size, 2, "the rows read before the jump are kept");
            assert.deepEqual(r.looping, [COLUMN], "and the column is flagged, not silently ended");
        } finally {
            session.close();
        }
    });

    it("gives no percent for a level or capacity beyond the Printer-MIB's Integer32 range", () => {
        // prtMarkerSuppliesLevel and ...MaxCapacity are Integer32 (RFC 3805); 4294967295 is an
        // unsigned value in the wrong type, and 2147483647 of it would read as a fake 50 %.
        const base = { unit: 13, receptacle: false, invert: false, lowLevel: 10 };
        for (const [level, max] of [
            [2147483647, 4294967295],
            [4294967295, 4294967295],
            [3000000000, 2147483647],
        ] as const) {
            const r = levelState({ ...base, level, max });
            assert.equal(r.percent, null, `level ${level} of ${max}`);
            assert.equal(r.state, "unknown");
            assert.ok(r.quirks.includes("invalidLevel"));
        }
        assert.equal(
            levelState({ ...base, level: 2147483647, max: 2147483647 }).percent,
            100,
            "the range itself is fine",
        );
    });
});
