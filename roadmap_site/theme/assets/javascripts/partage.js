/* « Copier » beside a text to copy (a fiche's short link, its suggested citation): the field is readable and
   selectable without JavaScript, and the button, hidden in the HTML, appears only here. The clipboard API
   first; where it is refused (an old browser, a page not served over HTTPS), the field is selected and the
   browser's own copy command tried. The block's live region says what happened. While the site's public
   address is not set, the text gives the link from the server's root ("/fiches/3/"): it is made absolute
   here from the page's own address. */
(function () {
  "use strict";

  function absolute(field) {
    var given = field.getAttribute("data-lne-public"), href = field.getAttribute("data-lne-href");
    if (!given || !href || /^[a-z][a-z0-9+.-]*:/i.test(given)) return;
    var link = document.createElement("a");
    link.href = href;  /* relative to the page: the browser resolves it */
    field.value = field.value.split(given).join(link.href);
  }

  function announce(button, text) {
    var block = button.closest("[data-lne-partage]");
    var status = block && block.querySelector('[role="status"]');
    if (!status) return;
    status.textContent = "";  /* the same message twice is announced twice */
    window.setTimeout(function () { status.textContent = text; }, 100);
  }

  function selectAndCopy(field) {
    field.focus();
    field.select();
    try {
      return document.execCommand("copy");
    } catch (error) {
      return false;
    }
  }

  document.querySelectorAll("[data-lne-copier]").forEach(function (button) {
    var field = document.getElementById(button.getAttribute("data-lne-copier"));
    if (!field) return;
    absolute(field);
    field.addEventListener("focus", function () { field.select(); });
    button.hidden = false;
    button.addEventListener("click", function () {
      var copied = function () { announce(button, button.getAttribute("data-lne-annonce")); };
      var fallback = function () {
        if (selectAndCopy(field)) copied();
        else announce(button, "Copie refusée par le navigateur : le texte est sélectionné, copiez-le avec Ctrl+C (⌘+C sur Mac).");
      };
      if (navigator.clipboard && navigator.clipboard.writeText) {
        navigator.clipboard.writeText(field.value).then(copied, fallback);
      } else {
        fallback();
      }
    });
  });
})();
