// The month's page, progressively enhanced: without this script every field is there and the
// server says what it read after บันทึก. With it, each value is read as it is typed by the
// server (POST …/preview, the chat's own parser) and shown back as the number it will save;
// the reason field appears when the value is behind target, the plausibility question when it
// is far from it; for a project's disbursement, the refund tick for a negative amount and the
// reason field when the amount needs one. Nothing here decides what is saved.
(function () {
  "use strict";
  var form = document.getElementById("month-form");
  if (!form || !window.fetch || !window.FormData) return;
  document.body.classList.add("js");
  var url = form.getAttribute("data-preview");
  var csrf = form.getAttribute("data-csrf");

  function show(card, answer) {
    var preview = card.querySelector(".preview");
    var problem = card.querySelector(".problem");
    var far = card.querySelector(".far");
    var farBox = far.querySelector("input");
    if (!answer) {
      preview.textContent = ""; problem.textContent = "";
      far.hidden = true; card.setAttribute("data-rule", "");
      return;
    }
    if (!answer.ok) {
      preview.textContent = ""; problem.textContent = answer.problem;
      far.hidden = true; card.setAttribute("data-rule", "");
      return;
    }
    // an indicator far from its target, or a negative amount (a refund): confirmed by a tick
    var refund = answer.refund !== undefined;
    var asked = refund ? answer.refund : answer.far;
    var value = refund ? answer.refund_value : answer.far_value;
    preview.textContent = answer.shown + (answer.pct ? " · " + answer.pct : "");
    problem.textContent = "";
    far.hidden = !asked;
    if (farBox.value !== value) { farBox.checked = false; farBox.value = value; }
    far.querySelector(".far-text").textContent = asked ? (refund ? answer.refund_text : answer.far_text) : "";
    card.setAttribute("data-rule", answer.reason === "none" ? "" : answer.reason);
  }

  function ask(card, name, value) {
    if (!value.trim()) { show(card, null); return; }
    var body = new FormData();
    body.append(name, value);
    var sent = value;
    card.setAttribute("data-asked", sent);
    fetch(url, { method: "POST", body: body, headers: { "X-CSRF-Token": csrf }, credentials: "same-origin" })
      .then(function (r) { return r.ok ? r.json() : null; })
      .then(function (answer) { if (answer && card.getAttribute("data-asked") === sent) show(card, answer); })
      .catch(function () {});
  }

  Array.prototype.forEach.call(form.querySelectorAll("article.ind"), function (card) {
    var text = card.querySelector("input[type=text]");
    var timer = null;
    if (text) {
      text.addEventListener("input", function () {
        clearTimeout(timer);
        timer = setTimeout(function () { ask(card, text.name, text.value); }, 250);
      });
      if (text.value) ask(card, text.name, text.value);
    }
    Array.prototype.forEach.call(card.querySelectorAll("input[type=radio]"), function (radio) {
      radio.addEventListener("change", function () { ask(card, radio.name, radio.value); });
      if (radio.checked) ask(card, radio.name, radio.value);
    });
  });
  form.addEventListener("submit", function () {
    var button = document.getElementById("save");
    setTimeout(function () { button.disabled = true; button.textContent = "กำลังบันทึก…"; }, 0);
  });
})();
