/** The quirks both query nodes put on an incomplete reading, from the queries of one poll. */
import assert from "node:assert/strict";
import { SnmpError } from "../../nodes/lib/snmp/errors";
import { queryQuirks, type QueryResult } from "../../nodes/lib/snmp/query";
import { result as resultOf } from "./printer-helpers";

function result(parts: Partial<QueryResult> = {}): QueryResult {
    return { ...resultOf(""), ...parts };
}

describe("queryQuirks", () => {
    it("says nothing about a complete answer", () => {
        assert.deepEqual(queryQuirks([result(), result()]), []);
    });

    it("names each kind of gap once, in a fixed order, whichever query of the poll had it", () => {
        const refused = { oid: "1.3.6.1.2.1.43.11.1.1.9", error: new SnmpError("agent", "genErr") };
        assert.deepEqual(
            queryQuirks([
                result({ failed: [refused], looping: ["1.3.6.1.2.1.43.11.1.1.6"] }),
                result({ truncated: ["1.3.6.1.4.1.14179.2.1.4.1.1", "1.3.6.1.4.1.14179.2.1.4.1.2"] }),
                result({ looping: ["1.3.6.1.2.1.43.8.2.1.10"] }),
            ]),
            ["rowsTruncated", "agentLooping", "objectsRefused"],
        );
    });
});
