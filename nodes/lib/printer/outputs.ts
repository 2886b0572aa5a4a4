/** The output pass: prtOutputTable rows (RFC 3805) as output bins with the room left in each. */
import type { ColumnName } from "./mib";
import type { DecodeContext } from "./context";
import { outputState } from "./levels";
import { cell, intCell, splitIndex } from "./snapshot";
import type { OutputBin } from "./contract";

const OUTPUT_COLUMNS: readonly ColumnName[] = ["outputRemaining", "outputMax", "outputName", "outputStatus"];

export function readOutputs(ctx: DecodeContext): OutputBin[] {
    const { snap } = ctx;
    const outputs: OutputBin[] = [];
    for (const id of ctx.rows(OUTPUT_COLUMNS)) {
        const [hrD, local] = splitIndex(id) ?? [0, id];
        const remaining = intCell(snap, "outputRemaining", id);
        const max = intCell(snap, "outputMax", id);
        // prtOutputName is a plain string; prtOutputDescription is localized.
        const name =
            ctx.label(cell(snap, "outputName", id)) ||
            ctx.label(cell(snap, "outputDescription", id), hrD) ||
            `Output ${local}`;
        outputs.push({
            id,
            name,
            remaining: remaining ?? null,
            max: max ?? null,
            state: outputState(remaining, max, ctx.options.lowLevel),
        });
    }
    return outputs;
}
