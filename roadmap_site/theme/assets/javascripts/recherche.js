/* The site's search: a field in the header, Pagefind's index (pagefind/, made at the end of the build by
   roadmap_site/search.py) queried in the reader's browser. Nothing of Pagefind is loaded before the reader opens
   the search (button, "/" key, or an address with "?q=…").

   A query is read as French readers type it: the elided article of a word is dropped (« l'inclusion » →
   inclusion); Pagefind then folds diacritics, stems French words and keeps the pages holding every word.
   A query naming a registered organisation by its sigle or its full name (pagefind/synonymes.json, from
   data/organisations.yml) is also run with the other name; each page keeps its best score. */
(function () {
  "use strict";

  var root = document.querySelector(".lne-recherche");
  if (!root) return;
  var opener = root.querySelector(".lne-recherche__ouvrir");
  var panel = root.querySelector(".lne-recherche__panneau");
  var form = root.querySelector("form");
  var field = root.querySelector("input");
  var closer = root.querySelector(".lne-recherche__fermer");
  var status = root.querySelector(".lne-recherche__etat");
  var list = root.querySelector(".lne-recherche__resultats");
  var more = root.querySelector(".lne-recherche__plus");
  var site = new URL(root.getAttribute("data-racine").replace(/\/?$/, "/"), location.href);
  var PAGE = 10;  /* results shown at once */
  var RANKING = { termFrequency: 0.3, pageLength: 0.4 };  /* measured on the query table: README, « Recherche » */

  var engine = null;  /* Promise of { pagefind, synonyms, elision } */
  var current = { query: null, results: [], shown: 0 };

  function load() {
    if (!engine) {
      engine = Promise.all([
        import(new URL("pagefind/pagefind.js", site).href),
        fetch(new URL("pagefind/synonymes.json", site)).then(function (r) { return r.json(); })
      ]).then(function (loaded) {
        var pagefind = loaded[0];
        return pagefind.options({ baseUrl: site.pathname, ranking: RANKING }).then(function () {
          return { pagefind: pagefind, synonyms: loaded[1].synonymes,
                   elision: new RegExp(loaded[1].elision, "gi") };
        });
      });
    }
    return engine;
  }

  function fold(word) {
    return word.toLowerCase().replace(/œ/g, "oe").replace(/æ/g, "ae").replace(/ß/g, "ss")
      .normalize("NFD").replace(/[\u0300-\u036f]/g, "");
  }

  /* The queries to run for what the reader typed: the words without elisions, then the same with each
     organisation name found in them replaced by its other name (roadmap_site/search.py, synonyms). */
  function queries(typed, loaded) {
    var tokens = typed.replace(loaded.elision, " ").match(/[\p{L}\p{N}]+/gu) || [];
    var folded = tokens.map(fold);
    var found = [tokens.join(" ")];
    loaded.synonyms.forEach(function (synonym) {
      for (var start = 0; start < folded.length; start++) {
        var length = 0;
        while (length < synonym.mots.length && start + length < folded.length &&
               folded[start + length] === synonym.mots[length]) length++;
        if (length >= synonym.des) {
          var variant = tokens.slice(0, start).concat([synonym.autre], tokens.slice(start + length)).join(" ");
          if (found.indexOf(variant) < 0) found.push(variant);
        }
      }
    });
    return found[0] ? found : [];
  }

  /* Every page found by one of the queries, once, with its best score, best first. */
  function search(typed) {
    return load().then(function (loaded) {
      return Promise.all(queries(typed, loaded).map(function (query) {
        return loaded.pagefind.search(query);
      })).then(function (answers) {
        var best = {};
        answers.forEach(function (answer) {
          answer.results.forEach(function (result) {
            if (!best[result.id] || best[result.id].score < result.score) best[result.id] = result;
          });
        });
        return Object.keys(best).map(function (id) { return best[id]; })
          .sort(function (a, b) { return b.score - a.score; });
      });
    });
  }

  /* Pagefind's excerpt is HTML (the words found in <mark>): only its text and its marks are kept. */
  function excerpt(html) {
    var paragraph = document.createElement("p");
    paragraph.className = "lne-recherche__extrait";
    var parsed = new DOMParser().parseFromString("<p>" + html + "</p>", "text/html").body.firstChild;
    parsed.childNodes.forEach(function (node) {
      if (node.nodeName === "MARK") {
        var mark = document.createElement("mark");
        mark.textContent = node.textContent;
        paragraph.appendChild(mark);
      } else {
        paragraph.appendChild(document.createTextNode(node.textContent));
      }
    });
    return paragraph;
  }

  function item(data) {
    var li = document.createElement("li");
    var link = document.createElement("a");
    link.href = data.url;
    if (data.meta.type) {
      var kind = document.createElement("span");
      kind.className = "lne-recherche__type";
      kind.textContent = data.meta.type;
      link.appendChild(kind);
      link.appendChild(document.createTextNode(" "));
    }
    var title = document.createElement("span");
    title.className = "lne-recherche__titre";
    title.textContent = data.meta.title || data.url;
    link.appendChild(title);
    li.appendChild(link);
    li.appendChild(excerpt(data.excerpt));
    return li;
  }

  function showMore() {
    var query = current.query;
    var batch = current.results.slice(current.shown, current.shown + PAGE);
    current.shown += batch.length;
    more.hidden = current.shown >= current.results.length;
    return Promise.all(batch.map(function (result) { return result.data(); })).then(function (pages) {
      if (query !== current.query) return;
      pages.forEach(function (data) { list.appendChild(item(data)); });
    });
  }

  function count(n) {
    return n === 0 ? "Aucun résultat" : n === 1 ? "1 résultat" : n.toLocaleString("fr-FR") + " résultats";
  }

  var timer = null;
  function run() {
    var typed = field.value.trim();
    current = { query: typed, results: [], shown: 0 };
    clearTimeout(timer);
    if (!typed) {
      list.textContent = "";
      status.textContent = "";
      more.hidden = true;
      return Promise.resolve();
    }
    return search(typed).then(function (results) {
      if (typed !== current.query) return;
      current.results = results;
      list.textContent = "";
      list.setAttribute("aria-label", count(results.length));
      return showMore().then(function () {
        /* Announced once the reader pauses, not at each letter. */
        timer = setTimeout(function () {
          if (typed === current.query) {
            status.textContent = count(results.length) + " pour « " + typed + " »";
          }
        }, 400);
      });
    }).catch(function () {
      status.textContent = "La recherche n'a pas pu être chargée : réessayer plus tard.";
    });
  }

  function open(query) {
    panel.hidden = false;
    opener.setAttribute("aria-expanded", "true");
    load();
    if (query !== undefined) field.value = query;
    field.focus();
    if (field.value) run();
  }

  function close() {
    if (panel.hidden) return;
    panel.hidden = true;
    opener.setAttribute("aria-expanded", "false");
    opener.focus();
  }

  opener.addEventListener("click", function () {
    if (panel.hidden) open(); else close();
  });
  closer.addEventListener("click", close);
  field.addEventListener("input", run);
  form.addEventListener("submit", function (event) {  /* Enter: the first result */
    event.preventDefault();
    run().then(function () {
      var first = list.querySelector("a");
      if (first) location.href = first.href;
    });
  });
  more.addEventListener("click", function () {
    var next = current.shown;
    showMore().then(function () {
      var link = list.querySelectorAll("a")[next];
      if (link) link.focus();
    });
  });
  /* Arrow keys move between the field and the results; Escape closes. */
  panel.addEventListener("keydown", function (event) {
    if (event.key === "Escape") {
      event.preventDefault();
      close();
      return;
    }
    if (event.key !== "ArrowDown" && event.key !== "ArrowUp") return;
    var stops = [field].concat(Array.prototype.slice.call(list.querySelectorAll("a")));
    var at = stops.indexOf(document.activeElement);
    if (at < 0) return;
    event.preventDefault();
    var to = Math.max(0, Math.min(stops.length - 1, at + (event.key === "ArrowDown" ? 1 : -1)));
    stops[to].focus();
  });
  document.addEventListener("keydown", function (event) {  /* "/" opens the search, as on many sites */
    var target = event.target;
    if (event.key !== "/" || event.ctrlKey || event.metaKey || event.altKey || !panel.hidden) return;
    if (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName)) return;
    event.preventDefault();
    open();
  });
  document.addEventListener("click", function (event) {  /* a click elsewhere closes it */
    if (!panel.hidden && !root.contains(event.target)) {
      panel.hidden = true;
      opener.setAttribute("aria-expanded", "false");
    }
  });

  /* The same search without the panel, for the browser tests: how many pages are found, and the first `n`
     of them, best first. */
  window.lneRecherche = function (typed, n) {
    return search(typed).then(function (results) {
      return Promise.all(results.slice(0, n).map(function (result) {
        return result.data().then(function (data) {
          return { url: data.url, score: result.score, titre: data.meta.title, extrait: data.excerpt };
        });
      })).then(function (pages) { return { nombre: results.length, pages: pages }; });
    });
  };

  var asked = new URLSearchParams(location.search).get("q");
  if (asked) open(asked);
})();
