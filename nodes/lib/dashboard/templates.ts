/**
 * What the browser draws: the Angular templates (node-red-dashboard compiles them in the page)
 * and the small controller that sorts the client table.
 *
 * Device strings (names, models, alert texts, host names of clients…) reach the page only as
 * data in `msg.payload` and are shown with `{{ }}` interpolation, which Angular inserts as text.
 * Nothing here uses ng-bind-html, $sce, innerHTML or HTML built from device data; the only
 * strings built into the templates are our own catalog labels, escaped below. Colours in
 * ng-style come from the fixed palette of colors.ts, never from a device.
 */
import { PX } from "./layout";

/** Catalog labels baked into a template. */
export type Labels = Record<string, string>;

/**
 * Escape a label for HTML text or a double-quoted attribute. Braces are dropped as well: Angular
 * would evaluate `{{ }}` found in a text node, and no label of ours needs them.
 */
export function escapeLabel(s: string): string {
    return s
        .replace(/[{}]/g, "")
        .replace(/&/g, "&amp;")
        .replace(/</g, "&lt;")
        .replace(/>/g, "&gt;")
        .replace(/"/g, "&quot;")
        .replace(/'/g, "&#39;");
}

function label(labels: Labels, key: string): string {
    return escapeLabel(labels[key] ?? key);
}

/** One line of text, cut with an ellipsis (the layout estimate counts lines). */
const LINE = `height:${PX.line}px;line-height:${PX.line}px;white-space:nowrap;overflow:hidden;text-overflow:ellipsis`;

const COMMON_CSS = `
.sno-root{padding:${PX.pad}px;box-sizing:border-box;font-size:13px;line-height:${PX.line}px;text-align:left}
.sno-summary{height:${PX.summary}px;line-height:${PX.summary}px;font-weight:bold;white-space:nowrap;overflow:hidden;text-overflow:ellipsis}
.sno-line{${LINE}}
.sno-track{flex:1 1 auto;height:10px;margin:0 6px;border-radius:5px;background:rgba(128,128,128,.22);overflow:hidden;position:relative}
.sno-fill{display:block;height:100%;border-radius:5px}
.sno-hatched{opacity:.6;background-image:repeating-linear-gradient(45deg,rgba(255,255,255,.7) 0,rgba(255,255,255,.7) 3px,transparent 3px,transparent 7px)}
.sno-empty{opacity:.7;font-style:italic}
`;

/** The printer-supplies widget: a summary line, then one card per printer, most urgent first. */
export function printerTemplate(labels: Labels): string {
    const css = `<style>${COMMON_CSS}
.sno-grid{display:grid;grid-template-columns:repeat(auto-fill,minmax(${PX.cardMin}px,1fr));gap:${PX.cardGap}px;align-items:start}
.sno-card{border:1px solid rgba(128,128,128,.35);border-left:4px solid #43a047;border-radius:4px;padding:8px 8px 8px 8px;min-width:0}
.sno-u-critical{border-left-color:#e53935}
.sno-u-warning{border-left-color:#fb8c00}
.sno-u-offline{border-left-color:#9e9e9e}
.sno-head{display:flex;height:${PX.cardHead}px;line-height:${PX.cardHead}px;font-weight:bold}
.sno-name{flex:1 1 auto;white-space:nowrap;overflow:hidden;text-overflow:ellipsis;font-size:14px}
.sno-status{flex:0 0 auto;margin-left:6px;font-weight:normal;font-size:12px;padding:0 6px;border-radius:9px;background:rgba(128,128,128,.18)}
.sno-s-critical{background:#e53935;color:#fff}
.sno-s-offline{background:#757575;color:#fff}
.sno-sub{opacity:.75;font-size:12px}
.sno-note{font-size:12px;font-style:italic}
.sno-greyed .sno-body{filter:grayscale(1);opacity:.55}
.sno-i-critical{color:#e53935;font-weight:bold}
.sno-i-warning{color:#ef6c00}
.sno-i-info{opacity:.8}
.sno-section{font-size:12px;opacity:.75;text-transform:uppercase;letter-spacing:.04em}
.sno-bar{display:flex;align-items:center;height:${PX.bar}px;font-size:12px}
.sno-label{flex:0 0 36%;white-space:nowrap;overflow:hidden;text-overflow:ellipsis}
.sno-value{flex:0 0 30%;text-align:right;white-space:nowrap;overflow:hidden;text-overflow:ellipsis}
.sno-l-critical{color:#e53935;font-weight:bold}
.sno-l-warning{color:#ef6c00;font-weight:bold}
.sno-l-unknown{opacity:.7;font-style:italic}
</style>`;
    const bars = (list: string): string => `
      <div class="sno-bar" ng-repeat="b in c.${list} track by b.key" title="{{b.name}}: {{b.text}}" data-kind="{{b.kind}}">
        <span class="sno-label">{{b.name}}</span>
        <span class="sno-track"><span class="sno-fill" ng-class="{'sno-hatched': b.hatched}" ng-style="{'width': b.width + '%', 'background-color': b.fill}"></span></span>
        <span class="sno-value sno-l-{{b.level}}">{{b.text}}</span>
      </div>`;
    return `${css}
<div class="sno-root sno-printers">
  <div class="sno-summary" ng-if="msg.payload">{{msg.payload.summary}}</div>
  <div class="sno-line sno-empty" ng-if="!msg.payload || !msg.payload.cards.length">${label(labels, "waiting")}</div>
  <div class="sno-grid">
    <div class="sno-card sno-u-{{c.urgency}}" ng-class="{'sno-greyed': c.greyed}" ng-repeat="c in msg.payload.cards track by c.key" data-key="{{c.key}}">
      <div class="sno-head"><span class="sno-name" title="{{c.host}}">{{c.name}}</span><span class="sno-status sno-s-{{c.statusLevel}}">{{c.status}}</span></div>
      <div class="sno-line sno-sub" title="{{c.model}} {{c.location}}">{{c.model || c.host}}<span ng-if="c.location"> · {{c.location}}</span></div>
      <div class="sno-line sno-note" ng-if="c.greyed" title="{{c.note}}">{{c.note}}<span ng-if="c.lastReading"> · ${label(labels, "lastReading")} {{c.lastReading | date:'d MMM HH:mm:ss'}}</span><span ng-if="!c.lastReading"> · ${label(labels, "neverRead")}</span></div>
      <div class="sno-body">
        <div class="sno-line sno-issue sno-i-{{i.level}}" ng-repeat="i in c.issues track by $index" title="{{i.text}}">{{i.text}}</div>
        <div class="sno-line sno-i-info" ng-if="c.moreIssues">+{{c.moreIssues}}</div>${bars("supplies")}
        <div class="sno-line sno-section" ng-if="c.trays.length">${label(labels, "paper")}</div>${bars("trays")}
      </div>
    </div>
  </div>
</div>`;
}

/** The wifi-clients widget: a summary, device notes, one bar per AP, then the client table. */
export function wifiTemplate(labels: Labels): string {
    const css = `<style>${COMMON_CSS}
.sno-note-offline{font-style:italic}
.sno-note-info{opacity:.75;font-size:12px}
.sno-ap{display:flex;align-items:center;height:${PX.bar}px}
.sno-apname{flex:0 0 40%;white-space:nowrap;overflow:hidden;text-overflow:ellipsis}
.sno-ap .sno-fill{background:#1e88e5}
.sno-count{flex:0 0 3.5em;text-align:right;font-weight:bold}
.sno-greyed{filter:grayscale(1);opacity:.55}
.sno-table{width:100%;border-collapse:collapse;margin-top:${PX.tableGap}px;table-layout:fixed;font-size:12px}
.sno-table th{height:${PX.tableHead}px;text-align:left;cursor:pointer;user-select:none;border-bottom:1px solid rgba(128,128,128,.45);white-space:nowrap;overflow:hidden;padding:0 4px}
.sno-table td{height:${PX.tableRow}px;padding:0 4px;white-space:nowrap;overflow:hidden;text-overflow:ellipsis;border-bottom:1px solid rgba(128,128,128,.15)}
.sno-arrow{font-size:10px}
.sno-q{display:inline-block;width:9px;height:9px;border-radius:50%;margin-right:5px;background:#9e9e9e}
.sno-q-excellent{background:#2e7d32}
.sno-q-good{background:#7cb342}
.sno-q-fair{background:#f9a825}
.sno-q-poor{background:#e53935}
.sno-qt{opacity:.7;margin-left:4px}
</style>`;
    const th = (key: string, text: string, width: string): string =>
        `<th style="width:${width}" ng-click="sortBy('${key}')" aria-sort="{{ariaSort('${key}')}}" data-sort="${key}">${label(labels, text)} <span class="sno-arrow">{{arrow('${key}')}}</span></th>`;
    return `${css}
<div class="sno-root sno-wifi">
  <div class="sno-summary" ng-if="msg.payload">{{msg.payload.summary}}</div>
  <div class="sno-line sno-empty" ng-if="!msg.payload">${label(labels, "waiting")}</div>
  <div class="sno-line sno-note-{{n.level}}" ng-repeat="n in msg.payload.notes track by n.key" title="{{n.text}}"><b>{{n.name}}</b>: {{n.text}}<span ng-if="n.lastReading"> · ${label(labels, "lastReading")} {{n.lastReading | date:'d MMM HH:mm:ss'}}</span></div>
  <div class="sno-ap" ng-repeat="a in msg.payload.aps track by a.key" ng-class="{'sno-greyed': a.greyed}" title="{{a.device}}" data-key="{{a.key}}">
    <span class="sno-apname">{{a.name}}</span>
    <span class="sno-track"><span class="sno-fill" ng-style="{'width': a.width + '%'}"></span></span>
    <span class="sno-count">{{a.clients === null ? '–' : a.clients}}</span>
  </div>
  <table class="sno-table" ng-if="msg.payload.clients.length">
    <thead><tr>
      ${th("label", "name", "26%")}
      ${th("ap", "ap", "20%")}
      ${th("ssid", "ssid", "18%")}
      ${th("band", "band", "12%")}
      ${th("signalSort", "signal", "24%")}
    </tr></thead>
    <tbody>
      <tr ng-repeat="c in msg.payload.clients | orderBy:sortKeys():sort.reverse | limitTo:msg.payload.maxRows track by c.key" ng-class="{'sno-greyed': c.greyed}" data-key="{{c.key}}">
        <td title="{{c.mac}}">{{c.label}}</td>
        <td title="{{c.ap}}">{{c.ap}}</td>
        <td title="{{c.ssid}}">{{c.ssid}}</td>
        <td>{{c.band}}</td>
        <td title="{{c.qualityText}}"><span class="sno-q sno-q-{{c.quality}}"></span>{{c.qualityText}}<span class="sno-qt">{{c.signalText}}</span></td>
      </tr>
    </tbody>
  </table>
  <div class="sno-line sno-empty" ng-if="msg.payload.clients.length > msg.payload.maxRows">${label(labels, "rowsShown")} {{msg.payload.maxRows}} / {{msg.payload.clients.length}}</div>
</div>`;
}

/**
 * The client table's controller, run by node-red-dashboard in the page with the widget's scope.
 * Kept as source text: the dashboard sends it to the browser as a string and evaluates it there,
 * so it must not depend on anything compiled around it. Sorting happens in the browser so that each
 * viewer sorts without affecting the others; the server's order (by AP, then name) is the default.
 */
export const WIFI_CONTROLLER = `function (scope) {
    scope.sort = { key: "ap", reverse: false };
    scope.sortBy = function (key) {
        if (scope.sort.key === key) {
            scope.sort.reverse = !scope.sort.reverse;
        } else {
            scope.sort.key = key;
            scope.sort.reverse = false;
        }
    };
    scope.sortKeys = function () {
        return [scope.sort.key, "label", "key"];
    };
    scope.arrow = function (key) {
        return scope.sort.key === key ? (scope.sort.reverse ? "\\u25BC" : "\\u25B2") : "";
    };
    scope.ariaSort = function (key) {
        return scope.sort.key === key ? (scope.sort.reverse ? "descending" : "ascending") : "none";
    };
}`;
