// The LIFF app's page: LINE's SDK (loaded by the page) says who the user is; the ID token goes
// to the server, which has LINE verify it and opens the month (form/views.py, liff_sign_in).
(function () {
  "use strict";
  var status = document.getElementById("liff-status");
  var form = document.getElementById("liff-form");
  var liffId = document.getElementById("liff-script").getAttribute("data-liff-id");
  function fail() { status.textContent = "เปิดจากแอป LINE ไม่สำเร็จ กรุณาปิดหน้านี้แล้วแตะปุ่มในแชตอีกครั้ง หรือพิมพ์ \"รายงาน\""; }
  if (!window.liff) { fail(); return; }
  window.liff.init({ liffId: liffId }).then(function () {
    if (new URLSearchParams(location.search).has("liff.state")) return; // LIFF moves on to ?p=… itself
    if (!window.liff.isLoggedIn()) { window.liff.login(); return; }
    var token = window.liff.getIDToken();
    if (!token) { fail(); return; }
    form.elements.id_token.value = token;
    form.submit();
  }).catch(fail);
})();
