/// The inline stylesheet and script of the HTML report. Everything is
/// embedded so the page works offline and from a CI artifact.
enum HTMLStyle {
    static let css = """
    :root { --critical: #7f1d1d; --high: #dc2626; --medium: #f59e0b; --low: #3b82f6; --info: #9ca3af;
            --clear: #ecfdf5; --ink: #111827; --muted: #6b7280; --line: #e5e7eb; }
    * { box-sizing: border-box; }
    body { font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif;
           color: var(--ink); margin: 0; padding: 24px 32px; background: #f9fafb; }
    h1 { font-size: 22px; margin: 0 0 4px; }
    h2 { font-size: 17px; margin: 28px 0 10px; }
    h3 { font-size: 15px; margin: 20px 0 8px; }
    .meta { color: var(--muted); margin: 0 0 12px; }
    .chips { display: flex; flex-wrap: wrap; gap: 6px; margin: 8px 0; }
    .chip { border-radius: 999px; padding: 2px 10px; font-weight: 600; font-size: 12px; color: #fff; }
    .chip.neutral { background: #e5e7eb; color: var(--ink); }
    .chip.fail { background: var(--critical); }
    .sev-critical { background: var(--critical); color: #fff; }
    .sev-high { background: var(--high); color: #fff; }
    .sev-medium { background: var(--medium); color: #111827; }
    .sev-low { background: var(--low); color: #fff; }
    .sev-info { background: var(--info); color: #111827; }
    .undetermined-cell { background: repeating-linear-gradient(45deg, #d1d5db 0 4px, #f3f4f6 4px 8px); color: #374151; }
    .clear-cell { background: var(--clear); color: #059669; }
    .na-cell { background: #fff; color: #d1d5db; }
    .legend { display: flex; flex-wrap: wrap; gap: 12px; margin: 8px 0 12px; color: var(--muted); font-size: 12px; }
    .legend span.swatch { display: inline-block; width: 16px; height: 16px; border-radius: 3px; vertical-align: -3px;
                          margin-right: 4px; border: 1px solid var(--line); text-align: center; font-size: 11px; line-height: 14px; }
    .matrix-wrap { overflow-x: auto; background: #fff; border: 1px solid var(--line); border-radius: 8px; }
    table { border-collapse: collapse; }
    table.matrix { width: 100%; }
    table.matrix th, table.matrix td { border-bottom: 1px solid var(--line); padding: 0; }
    table.matrix thead th { font-size: 12px; font-weight: 600; color: var(--muted); text-align: center;
                            padding: 8px 6px; vertical-align: bottom; }
    table.matrix thead th:nth-child(-n+2) { text-align: left; padding-left: 10px; }
    table.matrix thead th button { all: unset; cursor: pointer; }
    table.matrix thead th button:hover, table.matrix thead th button:focus { color: var(--ink); text-decoration: underline; }
    table.matrix thead th[aria-sort] button::after { content: " \\2195"; color: #9ca3af; }
    table.matrix tbody th { text-align: left; padding: 6px 10px; font-weight: 500; white-space: nowrap; }
    /* The deal column stays in view when a wide matrix scrolls sideways. */
    table.matrix tbody th, table.matrix thead th:first-child { position: sticky; left: 0; background: #fff; z-index: 1; }
    table.matrix tbody th a { color: var(--ink); text-decoration: none; }
    table.matrix td.risk { padding: 4px 10px; white-space: nowrap; color: var(--muted); font-size: 12px; line-height: 1.3; }
    table.matrix td.risk strong { color: var(--ink); font-weight: 600; }
    table.matrix td.cell { text-align: center; min-width: 64px; height: 30px; font-size: 12px; font-weight: 600;
                           border-left: 2px solid #fff; }
    table.matrix td.cell a { display: block; color: inherit; text-decoration: none; padding: 6px 4px; }
    .finding, .undetermined { background: #fff; border: 1px solid var(--line); border-left-width: 6px;
                              border-radius: 6px; padding: 10px 14px; margin: 8px 0; }
    .finding.sev-critical, .finding.sev-high, .finding.sev-medium, .finding.sev-low, .finding.sev-info
        { background: #fff; color: var(--ink); }
    .finding.sev-critical { border-left-color: var(--critical); }
    .finding.sev-high { border-left-color: var(--high); }
    .finding.sev-medium { border-left-color: var(--medium); }
    .finding.sev-low { border-left-color: var(--low); }
    .finding.sev-info { border-left-color: var(--info); }
    .undetermined { border-left-color: #9ca3af; border-left-style: dashed; }
    .finding header, .undetermined header { display: flex; flex-wrap: wrap; gap: 8px; align-items: baseline; }
    .badge { border-radius: 4px; padding: 1px 6px; font-size: 11px; font-weight: 700; text-transform: uppercase; }
    .badge.new { background: #ede9fe; color: #5b21b6; }
    .badge.known { background: #f3f4f6; color: var(--muted); }
    .flag { font-weight: 600; }
    .rule, .where, .basis { color: var(--muted); font-size: 12px; }
    .message { margin: 6px 0; }
    table.evidence { font-size: 12px; margin: 4px 0; }
    table.evidence th, table.evidence td { text-align: left; padding: 2px 12px 2px 0; vertical-align: top; }
    table.evidence th { color: var(--muted); font-weight: 500; }
    code { font: 12px ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; }
    ul.plain { margin: 4px 0; padding-left: 18px; }
    footer { margin-top: 32px; color: var(--muted); font-size: 12px; }
    """

    /// Sorts the matrix by a clicked column: the deal column by name, the
    /// others by risk (highest first); clicking again reverses.
    static let script = """
    (function () {
      var table = document.getElementById("matrix");
      if (!table) { return; }
      var headers = table.tHead.rows[0].cells;
      Array.prototype.forEach.call(headers, function (header, column) {
        var button = header.querySelector("button");
        if (!button) { return; }
        button.addEventListener("click", function () {
          // Names sort A to Z first, risks highest first; a second click reverses.
          var byText = column === 0;
          var natural = byText ? "ascending" : "descending";
          var current = header.getAttribute("aria-sort");
          var direction = current === natural ? (byText ? "descending" : "ascending") : natural;
          Array.prototype.forEach.call(headers, function (other) {
            if (other.hasAttribute("aria-sort")) { other.setAttribute("aria-sort", "none"); }
          });
          header.setAttribute("aria-sort", direction);
          var body = table.tBodies[0];
          var rows = Array.prototype.slice.call(body.rows);
          rows.sort(function (a, b) {
            var x = a.cells[column], y = b.cells[column];
            var order = byText
              ? x.textContent.localeCompare(y.textContent)
              : Number(x.getAttribute("data-rank")) - Number(y.getAttribute("data-rank"));
            if (direction === "descending") { order = -order; }
            if (order === 0) { order = Number(a.getAttribute("data-order")) - Number(b.getAttribute("data-order")); }
            return order;
          });
          rows.forEach(function (row) { body.appendChild(row); });
        });
      });
    })();
    """
}
