/**
 * How the widgets look, the same on both dashboards: node-red-dashboard puts this into the page
 * with the widget's template, the Dashboard 2 bundle injects it once. Both draw the same markup
 * (templates.ts for node-red-dashboard, the Vue components of node-red-dashboard-2-snmp-office),
 * so one set of rules serves both, and tests look for the same classes on both.
 *
 * Nothing has a fixed width or is cut with an ellipsis: names wrap, cards and access points stack
 * when the widget is narrow (a phone, 360 px), the client table turns into one block per client.
 * Colours are neutral greys that read on a light and a dark theme, and the fixed colours of
 * marks; ink colours come from the view model's palette values, never from a device.
 */

/** The narrowest printer card and access point tile, in pixels. */
export const CARD_MIN_PX = 240;
export const AP_MIN_PX = 220;
/** Below this width the client table is drawn as one block per client. */
export const TABLE_STACK_PX = 560;

export const WIDGET_CSS = `
.sno-root{box-sizing:border-box;width:100%;flex:0 0 auto;align-self:stretch;padding:4px;font-size:13px;line-height:18px;text-align:left;container-type:inline-size;overflow-wrap:anywhere}
.sno-root *,.sno-root *::before,.sno-root *::after{box-sizing:border-box}
.sno-summary{font-weight:bold;padding:2px 0 6px}
.sno-empty{opacity:.7;font-style:italic}
.sno-greyed .sno-body,.sno-ap.sno-greyed .sno-ap-body,.sno-table tr.sno-greyed{filter:grayscale(1);opacity:.55}
.sno-l-critical{color:#e53935;font-weight:bold}
.sno-l-warning{color:#ef6c00;font-weight:bold}
.sno-l-unknown{opacity:.7;font-style:italic}
.sno-track{display:block;flex:1 1 auto;min-width:40px;height:10px;border-radius:5px;background:rgba(128,128,128,.22);overflow:hidden}
.sno-fill{display:block;height:100%;border-radius:5px}
.sno-hatched{opacity:.6;background-image:repeating-linear-gradient(45deg,rgba(255,255,255,.7) 0,rgba(255,255,255,.7) 3px,transparent 3px,transparent 7px)}
.sno-spark{flex:0 0 72px;width:72px;height:18px;margin-left:8px;overflow:visible}
.sno-spark-line{fill:none;stroke-width:1.6;vector-effect:non-scaling-stroke;stroke-linejoin:round}
.sno-spark-area{opacity:.14;stroke:none}
.sno-grid{display:grid;grid-template-columns:repeat(auto-fill,minmax(min(100%,${CARD_MIN_PX}px),1fr));gap:8px;align-items:start}
.sno-card{border:1px solid rgba(128,128,128,.35);border-left:4px solid #43a047;border-radius:4px;padding:8px;min-width:0}
.sno-u-critical{border-left-color:#e53935}
.sno-u-warning{border-left-color:#fb8c00}
.sno-u-offline{border-left-color:#9e9e9e}
.sno-head{display:flex;flex-wrap:wrap;align-items:baseline;gap:4px 6px}
.sno-name{flex:1 1 auto;min-width:0;font-weight:bold;font-size:14px}
.sno-status{flex:0 0 auto;font-size:12px;padding:0 7px;border-radius:9px;background:rgba(128,128,128,.18)}
.sno-s-critical{background:#e53935;color:#fff}
.sno-s-warning{background:#fb8c00;color:#fff}
.sno-s-stopped{background:#455a64;color:#fff}
.sno-s-offline{background:#757575;color:#fff}
.sno-sub{opacity:.75;font-size:12px}
.sno-note{font-size:12px;font-style:italic}
.sno-issue{font-size:13px}
.sno-i-critical{color:#e53935;font-weight:bold}
.sno-i-warning{color:#ef6c00;font-weight:bold}
.sno-i-info{opacity:.85}
.sno-section{margin-top:4px;font-size:12px;opacity:.75;text-transform:uppercase;letter-spacing:.04em}
.sno-bar{padding:3px 0;font-size:12px}
.sno-bar-top{display:flex;align-items:baseline;gap:8px}
.sno-label{flex:1 1 auto;min-width:0}
.sno-value{flex:0 0 auto;text-align:right;white-space:nowrap}
.sno-bar-line{display:flex;align-items:center;margin-top:2px}
.sno-forecast{font-size:11px;opacity:.85}
.sno-forecast.sno-l-critical,.sno-forecast.sno-l-warning{opacity:1}
.sno-devnote{font-size:12px}
.sno-note-offline{font-style:italic}
.sno-note-info{opacity:.75}
.sno-aps{display:grid;grid-template-columns:repeat(auto-fill,minmax(min(100%,${AP_MIN_PX}px),1fr));gap:8px;margin:4px 0 8px}
.sno-ap{border:1px solid rgba(128,128,128,.35);border-radius:4px;padding:6px 8px;min-width:0}
.sno-ap-head{display:flex;flex-wrap:wrap;align-items:baseline;gap:4px 6px}
.sno-apname{flex:1 1 auto;min-width:0;font-weight:bold}
.sno-load{flex:0 0 auto;font-size:11px;padding:0 7px;border-radius:9px;background:rgba(128,128,128,.18)}
.sno-load-busy{background:#fb8c00;color:#fff}
.sno-load-overloaded{background:#e53935;color:#fff}
.sno-ap-device{font-size:11px;opacity:.7}
.sno-ap-line{display:flex;align-items:center;gap:6px;margin-top:3px;font-size:12px}
.sno-ap-what{flex:1 1 auto;min-width:0}
.sno-count{font-weight:bold;font-size:14px}
.sno-ap .sno-spark{margin-left:0}
.sno-spark-clients .sno-spark-line{stroke:#1e88e5}
.sno-spark-clients .sno-spark-area{fill:#1e88e5}
.sno-spark-signal .sno-spark-line{stroke:#43a047}
.sno-spark-signal .sno-spark-area{fill:#43a047}
.sno-tools{display:flex;flex-wrap:wrap;align-items:center;gap:6px;margin:6px 0 2px}
.sno-filter{flex:1 1 160px;min-width:0;max-width:320px;font:inherit;padding:3px 6px;border:1px solid rgba(128,128,128,.5);border-radius:4px;background:transparent;color:inherit}
.sno-shown{font-size:12px;opacity:.75}
.sno-table{width:100%;border-collapse:collapse;font-size:12px}
.sno-table th{text-align:left;padding:4px;border-bottom:1px solid rgba(128,128,128,.45);white-space:nowrap;vertical-align:bottom}
.sno-sort{font:inherit;font-weight:bold;color:inherit;background:none;border:0;padding:0;cursor:pointer;text-align:left}
.sno-arrow{font-size:10px;margin-left:2px}
.sno-table td{padding:3px 4px;border-bottom:1px solid rgba(128,128,128,.15);vertical-align:top}
.sno-mac{font-size:11px;opacity:.7}
.sno-q{display:inline-block;width:9px;height:9px;border-radius:50%;margin-right:5px;background:#9e9e9e;vertical-align:baseline}
.sno-q-excellent{background:#2e7d32}
.sno-q-good{background:#7cb342}
.sno-q-fair{background:#f9a825}
.sno-q-poor{background:#e53935}
.sno-qt{opacity:.7;margin-left:4px;white-space:nowrap}
.sno-rows{font-size:12px;opacity:.7;margin-top:4px}
@container (max-width:${TABLE_STACK_PX}px){
.sno-table,.sno-table tbody,.sno-table tr,.sno-table td{display:block;width:auto}
.sno-table thead tr{display:flex;flex-wrap:wrap;gap:2px 10px;border-bottom:1px solid rgba(128,128,128,.45)}
.sno-table th{display:block;border:0;padding:2px 0}
.sno-table tbody tr{padding:4px 0;border-bottom:1px solid rgba(128,128,128,.2)}
.sno-table td{display:inline;border:0;padding:0 10px 0 0}
.sno-table td:first-child{display:block;font-weight:bold}
.sno-table td:empty{display:none}
}
`;
