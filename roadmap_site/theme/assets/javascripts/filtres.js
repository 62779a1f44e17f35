/* Filters of the index of actions (roadmap_site/templates/tableau-actions.html). Each <select> of a
   form[data-filtres] keeps the rows of its table whose data-filtre-<name> lists the chosen value; criteria
   combine. The choice is kept in the page address (?porteur=cci-du-lot&axe=solidaire), so that a selection
   can be linked to, and a status line (role="status") says how many fiches are shown. The criteria fold
   behind a disclosure button that says how many are active (« Filtres (2 actifs) »): lne.css decides
   whether they start folded (on a phone) or not, the button says which and turns it around. Without
   JavaScript the form stays hidden and the table shows every fiche. */
(function () {
  "use strict";

  function setup(form) {
    var table = document.getElementById(form.getAttribute("data-filtres"));
    if (!table) return;
    var rows = Array.prototype.slice.call(table.tBodies[0].rows);
    var selects = Array.prototype.slice.call(form.querySelectorAll("select"));
    var status = form.querySelector("[role=status]");
    var link = form.querySelector(".lne-filtres__lien");
    var toggle = form.querySelector(".lne-filtres__bouton");
    var criteria = document.getElementById(toggle.getAttribute("aria-controls"));
    var active = toggle.querySelector(".lne-filtres__actifs");

    function unfolded() { return getComputedStyle(criteria).display !== "none"; }
    function tell() { toggle.setAttribute("aria-expanded", String(unfolded())); }
    toggle.addEventListener("click", function () {
      var open = !unfolded();
      form.classList.toggle("lne-filtres--ouverts", open);
      form.classList.toggle("lne-filtres--replies", !open);
      tell();
    });
    /* The default (folded on a phone) may change with the width: the button follows what is shown. */
    if (window.matchMedia) matchMedia("(max-width: 44.9375em)").addListener(tell);

    function apply() {
      var chosen = selects.filter(function (select) { return select.value; });
      var shown = 0;
      rows.forEach(function (row) {
        var keep = chosen.every(function (select) {
          var values = (row.getAttribute("data-filtre-" + select.name) || "").split(" ");
          return values.indexOf(select.value) !== -1;
        });
        row.hidden = !keep;
        if (keep) shown++;
      });
      var params = new URLSearchParams(location.search);
      selects.forEach(function (select) {
        if (select.value) params.set(select.name, select.value);
        else params.delete(select.name);
      });
      active.textContent = chosen.length
        ? " (" + chosen.length + (chosen.length > 1 ? " actifs)" : " actif)") : "";
      var query = params.toString() ? "?" + params.toString() : "";
      history.replaceState(history.state, "", location.pathname + query + location.hash);
      link.href = location.pathname + query + "#filtres";
      status.textContent = shown
        ? shown + (shown > 1 ? " fiches" : " fiche") + " sur " + rows.length
        : "Aucune fiche sur " + rows.length + " ne répond à tous ces critères";
    }

    var params = new URLSearchParams(location.search);
    selects.forEach(function (select) {
      var wanted = params.get(select.name);
      var known = Array.prototype.some.call(select.options, function (o) { return o.value === wanted; });
      if (wanted && known) select.value = wanted;
      select.addEventListener("change", apply);
    });
    form.addEventListener("reset", function () { setTimeout(apply, 0); });  /* after the form has reset */
    form.addEventListener("submit", function (event) { event.preventDefault(); apply(); });
    form.hidden = false;
    tell();
    apply();
  }

  document.querySelectorAll("form[data-filtres]").forEach(setup);
})();
