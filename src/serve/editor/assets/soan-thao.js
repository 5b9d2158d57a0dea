// The editor's forms, checked as the user types: the form is sent to the server's
// `…/kiem-tra`, which runs the build's own load and check and answers with the messages
// (no rule is written here). Without this script the forms work the same (plain POST).
(function () {
  "use strict";
  var form = document.querySelector("form[data-kiem-tra]");
  if (!form || !window.fetch || !window.URLSearchParams) return;
  var url = form.getAttribute("data-kiem-tra");
  var timer = null;
  var asked = 0;

  function show(answer) {
    var boxes = form.querySelectorAll("[data-loi-cho]");
    for (var i = 0; i < boxes.length; i++) {
      var name = boxes[i].getAttribute("data-loi-cho");
      var msgs = (answer.errors && answer.errors[name]) || [];
      boxes[i].textContent = "";
      for (var j = 0; j < msgs.length; j++) {
        var s = document.createElement("span");
        s.textContent = msgs[j];
        boxes[i].appendChild(s);
      }
      var input = form.querySelector("[name='" + name + "']");
      if (input) {
        if (msgs.length) input.setAttribute("aria-invalid", "true");
        else input.removeAttribute("aria-invalid");
      }
    }
    var box = document.getElementById("st-tong-hop");
    if (!box) return;
    box.textContent = "";
    var general = answer.general || [];
    var warnings = answer.warnings || [];
    function section(cls, title, items) {
      if (!items.length) return;
      var sec = document.createElement("section");
      sec.className = cls;
      var h = document.createElement("h2");
      h.textContent = title;
      sec.appendChild(h);
      var ul = document.createElement("ul");
      for (var k = 0; k < items.length; k++) {
        var li = document.createElement("li");
        li.textContent = items[k];
        ul.appendChild(li);
      }
      sec.appendChild(ul);
      box.appendChild(sec);
    }
    section("st-loi-chung", "Lỗi khác", general);
    section("st-canh-bao", "Lưu ý theo quy định (vẫn lưu được)", warnings);
  }

  function check() {
    var mine = ++asked;
    var body = new URLSearchParams(new FormData(form));
    fetch(url, { method: "POST", body: body, credentials: "same-origin" })
      .then(function (r) { return r.ok ? r.json() : null; })
      .then(function (answer) { if (answer && mine === asked) show(answer); })
      .catch(function () {});
  }

  function later() {
    if (timer) clearTimeout(timer);
    timer = setTimeout(check, 500);
  }
  form.addEventListener("input", later);
  form.addEventListener("change", later);
})();
