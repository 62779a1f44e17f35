/* Sortable tables (WAI-ARIA APG "sortable table" pattern): each header of a table[data-triable] gets a
   button; activating it sorts the rows and sets aria-sort. Without JavaScript the table reads as is. */
(function () {
  "use strict";

  function value(row, index, numeric) {
    var cell = row.cells[index];
    var raw = cell.getAttribute("data-valeur");
    if (raw === null) raw = cell.textContent.trim();
    if (!numeric) return raw;
    var number = parseFloat(raw);
    return isNaN(number) ? null : number;  /* "pas de chiffre", "non renseigné": not a zero */
  }

  function sort(table, header, index) {
    var numeric = header.getAttribute("data-tri") === "nombre";
    var ascending = header.getAttribute("aria-sort") !== "ascending";
    var body = table.tBodies[0];
    var rows = Array.prototype.slice.call(body.rows);
    rows.sort(function (a, b) {
      var x = value(a, index, numeric), y = value(b, index, numeric);
      if (x === null || y === null) return (x === null) - (y === null);  /* rows without a figure last */
      var order = numeric ? x - y : String(x).localeCompare(String(y), "fr", { numeric: true });
      return ascending ? order : -order;
    });
    rows.forEach(function (row) { body.appendChild(row); });
    Array.prototype.forEach.call(table.tHead.rows[0].cells, function (th) { th.removeAttribute("aria-sort"); });
    header.setAttribute("aria-sort", ascending ? "ascending" : "descending");
  }

  function enhance(table) {
    Array.prototype.forEach.call(table.tHead.rows[0].cells, function (header, index) {
      var button = document.createElement("button");
      button.type = "button";
      while (header.firstChild) button.appendChild(header.firstChild);
      header.appendChild(button);
      button.addEventListener("click", function () { sort(table, header, index); });
    });
    table.setAttribute("data-triable", "actif");  /* lne.css: the arrows are the buttons' from now on */
    var caption = table.caption;
    if (caption) {
      var hint = document.createElement("span");
      hint.className = "lne-visuellement-masque";
      hint.textContent = " (colonnes triables\u00a0: activez un en-tête pour trier)";  /* French spacing */
      caption.appendChild(hint);
    }
  }

  document.querySelectorAll("table[data-triable]").forEach(enhance);
})();
