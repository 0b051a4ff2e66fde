/* Progressive enhancement only: every page works without this file. */
(function () {
  "use strict";
  var doc = document;

  /* Quick exit: leave to a neutral site and replace this page in the history. */
  doc.addEventListener("click", function (event) {
    var exit = event.target.closest && event.target.closest("[data-quick-exit]");
    if (!exit) return;
    event.preventDefault();
    try { doc.body.innerHTML = ""; doc.title = ""; } catch (e) { /* leave anyway */ }
    window.location.replace(exit.href);
  });

  /* Copy link */
  doc.querySelectorAll("[data-copy]").forEach(function (button) {
    if (!navigator.clipboard) return;
    button.hidden = false;
    button.addEventListener("click", function () {
      var field = doc.querySelector(button.getAttribute("data-copy"));
      var status = doc.querySelector(button.getAttribute("data-status"));
      navigator.clipboard.writeText(field.value).then(function () {
        if (status) status.textContent = button.getAttribute("data-done");
      }, function () {
        field.select();
      });
    });
  });

  /* A form sent once: its button is disabled after the first tap (the server's key covers a second one anyway). */
  doc.querySelectorAll("form[data-once]").forEach(function (form) {
    form.addEventListener("submit", function () {
      form.querySelectorAll("button[type=submit]").forEach(function (button) {
        setTimeout(function () { button.disabled = true; }, 0);
      });
    });
  });

  /* A form that came back with errors: the first field to fix has the focus. */
  var invalid = doc.querySelector("form [aria-invalid=true]");
  if (invalid) invalid.focus();

  /* Print button on the print view */
  doc.querySelectorAll("[data-print]").forEach(function (button) {
    button.hidden = false;
    button.addEventListener("click", function () { window.print(); });
  });

  /* Read aloud with the device's speech synthesis, only where it has a voice for the page's language. */
  var reader = doc.querySelector("[data-read-aloud]");
  var synth = window.speechSynthesis;
  if (!reader || !synth || !window.SpeechSynthesisUtterance) return;
  var lang = (doc.documentElement.lang || "de").toLowerCase();
  var speaking = false;

  function voiceFor() {
    var voices = synth.getVoices() || [];
    for (var i = 0; i < voices.length; i++) {
      if ((voices[i].lang || "").toLowerCase().replace("_", "-").split("-")[0] === lang) return voices[i];
    }
    return null;
  }
  function offer() { if (voiceFor()) reader.hidden = false; }
  offer();
  if (synth.addEventListener) synth.addEventListener("voiceschanged", offer);

  function chunks() {
    var root = doc.querySelector("[data-read]");
    var parts = [];
    root.querySelectorAll("h1, h2, p, li, dt, dd").forEach(function (node) {
      if (node.closest("[data-noread]") || node.closest("[hidden]")) return;
      var text = (node.getAttribute("data-say") || node.textContent).replace(/\s+/g, " ").trim();
      if (text) parts.push(text);
    });
    return parts;
  }
  function stop() {
    synth.cancel();
    speaking = false;
    reader.setAttribute("aria-pressed", "false");
  }
  reader.addEventListener("click", function () {
    if (speaking) { stop(); return; }
    var voice = voiceFor();
    var parts = chunks();
    speaking = true;
    reader.setAttribute("aria-pressed", "true");
    parts.forEach(function (text, index) {
      var utterance = new SpeechSynthesisUtterance(text);
      utterance.lang = voice ? voice.lang : lang;
      if (voice) utterance.voice = voice;
      if (index === parts.length - 1) utterance.onend = stop;
      synth.speak(utterance);
    });
  });
  window.addEventListener("pagehide", function () { synth.cancel(); });
})();
