/**
 * The "Find devices…" button of printer-supplies and ap-clients: a dialog that scans a range on
 * the server (with the node's SNMP settings as deployed) and adds the ticked devices to the
 * node's device list. Node-RED serves this file from the package's resources folder; both node
 * types load it, so it defines itself once.
 *
 * Device strings (names, models, locations) are untrusted: they are only ever set as text.
 */
(function () {
    "use strict";
    if (window.SnmpOfficeFindDevices) return;

    var NS = "node-red-contrib-snmp-office/snmp-discover:snmp-discover.find.";
    function t(key, subs) {
        return RED._(NS + key, subs);
    }

    /** Hosts already in a device list (the first word of each line, without a port). */
    function listedHosts(text) {
        var hosts = {};
        String(text || "")
            .split(/\r?\n/)
            .forEach(function (raw) {
                var line = raw.replace(/(^|\s)#.*$/, "").trim();
                if (line === "") return;
                var address = line.split(/\s+/)[0];
                var bracket = /^\[([^\]]+)\]/.exec(address);
                var host = bracket ? bracket[1] : address.replace(/:\d{1,5}$/, "");
                hosts[host.toLowerCase()] = true;
            });
        return hosts;
    }

    /** A range to start from: the /24 of the first IPv4 address in the list, else empty. */
    function guessRange(text) {
        var m = /(^|\n)\s*(\d{1,3}\.\d{1,3}\.\d{1,3})\.\d{1,3}\b/.exec(String(text || ""));
        return m ? m[2] + ".0/24" : "";
    }

    /** "Brother NC-9300h", not "Brother Brother NC-9300h". */
    function vendorAndModel(d) {
        var vendor = d.vendor || "";
        var model = d.model || "";
        if (vendor !== "" && model.toLowerCase().indexOf(vendor.toLowerCase()) === 0) return model;
        return [vendor, model].filter(Boolean).join(" ");
    }

    function cell(text) {
        return $("<td>").text(text === null || text === undefined ? "" : String(text));
    }

    /**
     * Open the dialog. `o`: { type: node type, kind: "printer" | "wireless", devices: the
     * device list's textarea, config: the SNMP settings' select }.
     */
    function open(o) {
        var $devices = $(o.devices);
        var configId = $(o.config).val();
        var config = configId && configId !== "_ADD_" ? RED.nodes.node(configId) : null;

        var $dialog = $('<div class="snmp-office-find" style="padding: 10px;">');
        var $form = $(
            '<div class="form-row" style="display: flex; gap: 6px; align-items: center;">',
        ).appendTo($dialog);
        $("<label>")
            .attr("for", "snmp-office-find-range")
            .css({ width: "auto", margin: 0 })
            .text(t("range"))
            .appendTo($form);
        var $range = $(
            '<input type="text" id="snmp-office-find-range" style="flex: 1; font-family: monospace;">',
        )
            .attr("placeholder", "192.168.1.0/24")
            .val(guessRange($devices.val()))
            .appendTo($form);
        var $scan = $('<button type="button" class="red-ui-button snmp-office-find-scan">')
            .text(t("scan"))
            .appendTo($form);
        var $message = $('<div class="form-tips snmp-office-find-message" style="margin: 8px 0;">').appendTo(
            $dialog,
        );
        var $table = $(
            '<table class="snmp-office-find-results" style="width: 100%; border-collapse: collapse;">',
        )
            .hide()
            .appendTo($dialog);
        var $head = $("<tr>").appendTo($("<thead>").appendTo($table));
        ["add", "host", "kind", "name", "model", "location"].forEach(function (c) {
            $("<th style='text-align: left; padding: 2px 6px;'>")
                .text(t("column." + c))
                .appendTo($head);
        });
        var $body = $("<tbody>").appendTo($table);
        var found = [];

        function say(text, isError) {
            $message.text(text).css("color", isError ? "var(--red-ui-text-color-error, #d00)" : "");
        }

        function show(result) {
            found = result.devices || [];
            $body.empty();
            var listed = listedHosts($devices.val());
            say(found.length === 0 ? t("none") + " (" + result.summary + ")" : result.summary, false);
            $table.toggle(found.length > 0);
            found.forEach(function (d, i) {
                var already = listed[String(d.host).toLowerCase()] === true;
                var $row = $("<tr>").attr("data-host", d.host).attr("data-kind", d.kind).appendTo($body);
                var $box = $('<input type="checkbox" style="width: auto; margin: 0;">')
                    .attr("data-index", i)
                    .prop("checked", !already && d.kind === o.kind)
                    .prop("disabled", already);
                $("<td style='padding: 2px 6px;'>").append($box).appendTo($row);
                cell(String(d.line).split(" ")[0]).appendTo($row);
                cell(already ? t("kind." + d.kind) + ", " + t("listed") : t("kind." + d.kind)).appendTo($row);
                cell(d.name).appendTo($row);
                cell(vendorAndModel(d)).appendTo($row);
                cell(d.location).appendTo($row);
            });
        }

        function scan() {
            if (!config) {
                say(t("need-config"), true);
                return;
            }
            if (config.changed) {
                say(t("need-deploy"), true);
                return;
            }
            $scan.prop("disabled", true);
            $table.hide();
            say(t("scanning"), false);
            $.ajax({
                url: "snmp-office/find-devices/" + o.type,
                type: "POST",
                contentType: "application/json",
                dataType: "json",
                data: JSON.stringify({ config: config.id, range: $range.val() }),
            })
                .done(show)
                .fail(function (xhr) {
                    var why =
                        (xhr.responseJSON && xhr.responseJSON.error) || xhr.statusText || String(xhr.status);
                    say(t("failed", { error: why }), true);
                })
                .always(function () {
                    $scan.prop("disabled", false);
                });
        }

        function add() {
            var lines = [];
            $body.find("input[type=checkbox]:checked:not(:disabled)").each(function () {
                var d = found[Number($(this).attr("data-index"))];
                if (d) lines.push(d.line);
            });
            if (lines.length > 0) {
                var text = String($devices.val() || "");
                if (text !== "" && !/\n$/.test(text)) text += "\n";
                $devices.val(text + lines.join("\n")).trigger("change");
            }
            $dialog.dialog("close");
        }

        $scan.on("click", scan);
        $range.on("keydown", function (e) {
            if (e.key === "Enter") {
                e.preventDefault();
                scan();
            }
        });
        $dialog.dialog({
            title: t("title"),
            modal: true,
            width: 720,
            classes: { "ui-dialog": "red-ui-editor-dialog snmp-office-find-dialog" },
            buttons: [
                {
                    text: t("close"),
                    click: function () {
                        $dialog.dialog("close");
                    },
                },
                { text: t("add"), class: "primary snmp-office-find-add", click: add },
            ],
            close: function () {
                $dialog.dialog("destroy").remove();
            },
        });
        $range.trigger("focus");
    }

    /**
     * Put the button under the device list of the node being edited (`type`), offering devices
     * of `kind` ("printer" or "wireless") first.
     */
    function button(type, kind) {
        var o = { type: type, kind: kind, devices: "#node-input-devices", config: "#node-input-snmp" };
        var $button = $(
            '<button type="button" class="red-ui-button snmp-office-find-button" style="margin-top: 4px;">',
        )
            .append('<i class="fa fa-search"></i> ')
            .append($("<span>").text(t("button")));
        $button.on("click", function () {
            open(o);
        });
        $(o.devices).parent().find(".form-tips").first().before($button);
    }

    window.SnmpOfficeFindDevices = { open: open, button: button, listedHosts: listedHosts };
})();
