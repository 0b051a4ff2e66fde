/* Plain-language hints while typing on the content edit pages (the server shows the same hints on "Preview and
   check"; saving never needs this script). */
(function () {
  "use strict";
  var MAX_WORDS = 25;
  function longest(text) {
    var parts = text.split(/(?<=[.!?؟…])\s+|\n+/), most = 0;
    for (var i = 0; i < parts.length; i++) {
      var words = parts[i].split(/\s+/).filter(function (w) { return /[\p{L}\p{N}]/u.test(w); }).length;
      if (words > most) { most = words; }
    }
    return most;
  }
  var template = document.getElementById("live-hint-text");
  if (!template) { return; }
  var fields = document.querySelectorAll("textarea[data-plain=yes]");
  Array.prototype.forEach.call(fields, function (field) {
    var hint = document.createElement("p");
    hint.className = "small live-hint";
    hint.setAttribute("aria-live", "polite");
    field.insertAdjacentElement("afterend", hint);
    function check() {
      var words = longest(field.value);
      hint.textContent = words > MAX_WORDS ? template.dataset.message.replace("%(num)s", String(words)) : "";
    }
    field.addEventListener("input", check);
    check();
  });
}());
