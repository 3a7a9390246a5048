// Sort the comparison table by a column: select its heading (again to reverse).
// Without scripts the table reads the same, in path order.
(function () {
  var table = document.getElementById("compare");
  if (!table) return;
  var heads = table.tHead.rows[0].cells;
  var body = table.tBodies[0];
  function value(row, k) {
    var cell = row.cells[k];
    var v = cell.getAttribute("data-value");
    return v === null ? cell.textContent.trim() : v;
  }
  Array.prototype.forEach.call(heads, function (th, k) {
    var button = document.createElement("button");
    button.type = "button";
    button.textContent = th.textContent;
    th.textContent = "";
    th.appendChild(button);
    button.addEventListener("click", function () {
      var ascending = th.getAttribute("aria-sort") !== "ascending";
      Array.prototype.forEach.call(heads, function (h) { h.setAttribute("aria-sort", "none"); });
      th.setAttribute("aria-sort", ascending ? "ascending" : "descending");
      var numeric = th.getAttribute("data-kind") === "number";
      var rows = Array.prototype.slice.call(body.rows);
      rows.sort(function (a, b) {
        var x = value(a, k), y = value(b, k);
        var c;
        if (numeric) {
          // Empty cells (no value) sort last either way.
          if (x === "" || y === "") c = (x === "") - (y === "");
          else c = (parseFloat(x) - parseFloat(y)) * (ascending ? 1 : -1);
        } else {
          c = x.localeCompare(y) * (ascending ? 1 : -1);
        }
        return c;
      });
      rows.forEach(function (r) { body.appendChild(r); });
    });
  });
})();
