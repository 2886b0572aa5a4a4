/**
 * The short, seeded fuzz run (the long one is `npm run fuzz`): mutated real responses over
 * loopback through session.ts (decode.ts, net-snmp), runQuery and the decoders, and mutated
 * query results through the decoders. Zero uncaught exceptions, unhandled rejections, decoder
 * exceptions and hangs; every failed poll is a classified SnmpError.
 */
import assert from "node:assert/strict";
import { decoderFuzz, wireFuzz } from "../../tools/reliability/fuzz-lib";

describe("fuzzing (short seeded run; npm run fuzz for 100,000+)", function () {
    this.timeout(60_000);

    it("2,000 mutated responses over loopback: no crash, no hang, every failure classified", async () => {
        const s = await wireFuzz({ mutations: 2000, seed: 20261121 });
        console.log(
            `      ${s.mutations} mutations, ${s.runs} polls in ${(s.ms / 1000).toFixed(1)} s: ${JSON.stringify(s.outcomes)}; ${s.watchdogs} watchdog firings`,
        );
        assert.deepEqual(s.failures, []);
        assert.equal(s.hangs, 0);
        assert.ok(s.mutations >= 2000);
        assert.ok((s.outcomes.ok ?? 0) > 0, "some polls read through the damage");
        assert.ok((s.outcomes.malformed ?? 0) > 0, "and some damage was reported as such");
        assert.ok(Object.keys(s.byMutation).length >= 12, "every kind of mutation ran");
    });

    it("5,000 mutated query results through every decoder: nothing throws", async () => {
        const s = await decoderFuzz({ iterations: 5000, seed: 20261121 });
        console.log(
            `      ${s.runs} decodes in ${(s.ms / 1000).toFixed(1)} s, slowest ${s.slowestMs.toFixed(1)} ms`,
        );
        assert.deepEqual(s.failures, []);
        assert.equal((s.outcomes["printer decoded"] ?? 0) + (s.outcomes["ap decoded"] ?? 0), 5000);
    });
});
