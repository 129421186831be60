// mnist serve: draw a digit and watch the network think. Everything shown comes from the JSON API.

import { api } from "./client.js";
import { balanceRows, buildNetwork, grey, paintPixels, show, showNothing } from "./network-view.js";

const $ = (id) => document.getElementById(id);
const pad = $("pad");
const ink = pad.getContext("2d");
const statusLine = $("status");

let model = null;            // GET /api/model
let drawn = false;           // something is on the pad
let showingTest = false;     // the pad shows a test image; the next stroke starts afresh
let inFlight = false;        // one prediction request at a time ...
let again = false;           // ... and one more when the pad changed meanwhile
let last = null;             // the pointer's last position while drawing

function say(text, isError = false) {
  statusLine.textContent = text;
  statusLine.classList.toggle("error", isError);
}

// ---------- drawing ----------

function clearPad() {
  ink.fillStyle = "#000";
  ink.fillRect(0, 0, pad.width, pad.height);
  drawn = false;
  showingTest = false;
}

function padPoint(event) {
  const r = pad.getBoundingClientRect();
  return { x: (event.clientX - r.left) * pad.width / r.width, y: (event.clientY - r.top) * pad.height / r.height };
}

const PEN = 22; // the stroke's width on the 280 × 280 pad: about 2 of the network's 28 pixels

function stroke(from, to) {
  ink.strokeStyle = "#fff";
  ink.fillStyle = "#fff";
  ink.lineWidth = PEN;
  ink.lineCap = "round";
  ink.lineJoin = "round";
  ink.beginPath();
  if (from.x === to.x && from.y === to.y) {
    ink.arc(from.x, from.y, PEN / 2, 0, 2 * Math.PI); // a dot: a line of no length draws nothing
    ink.fill();
  } else {
    ink.moveTo(from.x, from.y);
    ink.lineTo(to.x, to.y);
    ink.stroke();
  }
}

pad.addEventListener("pointerdown", (event) => {
  event.preventDefault();
  if (showingTest) {
    clearPad();
  }
  pad.setPointerCapture(event.pointerId);
  last = padPoint(event);
  stroke(last, last);
  drawn = true;
  predictPad();
});

pad.addEventListener("pointermove", (event) => {
  if (last === null) {
    return;
  }
  const events = event.getCoalescedEvents ? event.getCoalescedEvents() : [event];
  for (const e of events.length ? events : [event]) {
    const p = padPoint(e);
    stroke(last, p);
    last = p;
  }
  predictPad();
});

for (const type of ["pointerup", "pointercancel"]) {
  pad.addEventListener(type, () => {
    if (last !== null) {
      last = null;
      predictPad();
    }
  });
}

// ---------- predicting ----------

function padAsPng() {
  return new Promise((resolve) => pad.toBlob(resolve, "image/png"));
}

async function predictPad() {
  if (!drawn) {
    return;
  }
  if (inFlight) {
    again = true;
    return;
  }
  inFlight = true;
  document.body.dataset.pending = "true";
  try {
    do {
      again = false;
      const png = await padAsPng();
      const p = await api("/api/predict", { method: "POST", headers: { "Content-Type": "image/png" }, body: png });
      if (drawn && !showingTest) {
        show(p);
        say("Keep drawing, or clear the pad and try another digit.");
      }
    } while (again && drawn && !showingTest);
  } catch (e) {
    say(e.message, true);
  } finally {
    inFlight = false;
    document.body.dataset.pending = "false";
  }
}

$("clear").addEventListener("click", () => {
  clearPad();
  showNothing();
  say("Draw a digit from 0 to 9 with a mouse, a pen or a finger.");
});

$("random").addEventListener("click", async () => {
  if (!model || model.testImages === 0) {
    return;
  }
  const index = Math.floor(Math.random() * model.testImages);
  try {
    const t = await api(`/api/test/${index}`);
    drawTestImage(t.input);
    show(t);
    statusLine.classList.remove("error");
    statusLine.innerHTML = "";
    const verdict = document.createElement("span");
    verdict.className = t.correct ? "right" : "wrong";
    verdict.textContent = t.correct ? "right" : "wrong";
    statusLine.append(`Test image #${t.index}, labelled ${t.label}: the network says ${t.digit}, `, verdict, ".");
  } catch (e) {
    say(e.message, true);
  }
});

function drawTestImage(pixels) {
  const small = document.createElement("canvas");
  small.width = small.height = 28;
  paintPixels(small, pixels, grey);
  clearPad();
  ink.imageSmoothingEnabled = false;
  ink.drawImage(small, 0, 0, pad.width, pad.height);
  drawn = true;
  showingTest = true;
}

// ---------- start ----------

async function start() {
  clearPad();
  try {
    model = await api("/api/model");
  } catch (e) {
    $("model").textContent = `The model could not be loaded: ${e.message}`;
    return;
  }
  $("model").textContent = `${model.description}, served by Nabla's ./mnist serve.`;
  buildNetwork(model);
  balanceRows();
  showNothing();
  const random = $("random");
  random.disabled = model.testImages === 0;
  if (model.testImages === 0) {
    random.title = model.testImagesUnavailable || "no test images";
  }
  document.body.dataset.ready = "true";
}

start();
