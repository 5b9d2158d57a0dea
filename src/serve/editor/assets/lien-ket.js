// Added by kehoach serve to the pages it serves (never to built files): on the page a save
// of the editor led to, say what was saved and the plan's rules it does not meet yet; on a
// report's page, the "Soạn thảo" link opens that report's form.
(function () {
  "use strict";
  var link = document.getElementById("kehoach-soan-thao");
  var m = location.pathname.match(/^\/bao-cao\/([a-z0-9-]+)\/(index\.html)?$/);
  if (link && m) link.href = "/__kehoach/soan/bao-cao/" + m[1] + "/";
  if (!window.fetch) return;
  fetch("/__kehoach/soan/sau-khi-luu?trang=" + encodeURIComponent(location.pathname), { credentials: "same-origin" })
    .then(function (r) { return r.ok ? r.json() : {}; })
    .then(function (n) {
      if (!n || !n.saved) return;
      var box = document.createElement("section");
      box.id = "kehoach-da-luu";
      box.setAttribute("role", "status");
      box.setAttribute("lang", "vi");
      var p = document.createElement("p");
      p.textContent = "Đã lưu " + n.saved + ". ";
      var back = document.createElement("a");
      back.href = n.form;
      back.textContent = "Sửa tiếp";
      p.appendChild(back);
      box.appendChild(p);
      if (n.warnings && n.warnings.length) {
        var h = document.createElement("p");
        h.textContent = "Lưu ý theo quy định:";
        box.appendChild(h);
        var ul = document.createElement("ul");
        n.warnings.forEach(function (w) {
          var li = document.createElement("li");
          li.textContent = w;
          ul.appendChild(li);
        });
        box.appendChild(ul);
      }
      var main = document.querySelector("main") || document.body;
      main.insertBefore(box, main.firstChild);
    })
    .catch(function () {});
})();
