// Title suggestions for text fields (the search, a listing's project filter): a <datalist>
// filled as the user types. Progressive enhancement only: without JavaScript the fields work
// the same (the project filter offers its most frequent projects and accepts any exact title).
(function () {
  "use strict";
  if (!window.fetch) {
    return;
  }

  function enhance(input) {
    var list = input.list;
    if (!list) {
      list = document.createElement("datalist");
      list.id = input.id + "-navrhy";
      input.parentNode.appendChild(list);
      input.setAttribute("list", list.id);
    }
    var timer = null;
    var lastQuery = "";

    function fill(titles) {
      list.textContent = "";
      titles.forEach(function (title) {
        var option = document.createElement("option");
        option.value = title;
        list.appendChild(option);
      });
    }

    function suggest() {
      var query = input.value.trim();
      if (query.length < 2 || query === lastQuery) {
        return;
      }
      lastQuery = query;
      var url = input.dataset.autocompleteUrl + "?q=" + encodeURIComponent(query);
      fetch(url, { headers: { Accept: "application/json" } })
        .then(function (response) { return response.ok ? response.json() : []; })
        .then(function (titles) { if (input.value.trim() === query) { fill(titles); } })
        .catch(function () { /* suggestions are optional */ });
    }

    input.addEventListener("input", function () {
      window.clearTimeout(timer);
      timer = window.setTimeout(suggest, 200);
    });
  }

  document.querySelectorAll("input[data-autocomplete-url]").forEach(enhance);
})();

// The filter panel is a <details>: closed on phones (results first), opened where the page is
// wide enough to show it as a side column.
(function () {
  "use strict";
  document.querySelectorAll("details[data-open-from]").forEach(function (panel) {
    if (window.matchMedia("(min-width: " + panel.dataset.openFrom + ")").matches) {
      panel.open = true;
    }
  });
})();
