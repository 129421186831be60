// mnist serve: shows what the network computed: the input, each hidden layer's neurons, the output
// bars, and a neuron's incoming weights.

import { api } from "./client.js";

const $ = (id) => document.getElementById(id);
const weightCache = new Map();

export const grey = (v) => { const g = Math.round(255 * Math.min(1, Math.max(0, v))); return [g, g, g]; };

export function paintPixels(canvas, values, colour) {
  const c = canvas.getContext("2d");
  const img = c.createImageData(canvas.width, canvas.height);
  values.forEach((v, i) => {
    const [r, g, b] = colour(v);
    img.data.set([r, g, b, 255], 4 * i);
  });
  c.putImageData(img, 0, 0);
}

/** Builds a row of neurons per hidden layer and a bar per output, for GET /api/model's answer. */
export function buildNetwork(model) {
  const layers = $("layers");
  layers.innerHTML = "";
  const hidden = model.sizes.slice(1, -1);
  hidden.forEach((size, i) => {
    const row = document.createElement("div");
    row.className = "layer";
    const label = document.createElement("h3");
    label.className = "layer-label";
    label.innerHTML = `Hidden layer ${i + 1} <span class="muted">· ${size} neurons, ${model.activations[i]}</span>`;
    const neurons = document.createElement("div");
    neurons.className = "neurons";
    neurons.dataset.layer = String(i + 1);
    for (let j = 0; j < size; j++) {
      const n = document.createElement("button");
      n.type = "button";
      n.className = "neuron";
      n.dataset.layer = String(i + 1);
      n.dataset.neuron = String(j);
      n.title = `hidden layer ${i + 1}, neuron ${j}`;
      n.setAttribute("aria-label", n.title);
      n.addEventListener("pointerenter", () => showWeights(n));
      n.addEventListener("click", () => showWeights(n));
      n.addEventListener("focus", () => showWeights(n)); // from the keyboard, too
      neurons.append(n);
    }
    row.append(label, neurons);
    layers.append(row);
  });
  const outputs = $("outputs");
  outputs.innerHTML = "";
  const count = model.sizes[model.sizes.length - 1];
  for (let d = 0; d < count; d++) {
    const row = document.createElement("div");
    row.className = "bar-row";
    row.dataset.digit = String(d);
    row.innerHTML = `<span class="bar-label">${d}</span><div class="bar-track"><div class="bar-fill"></div></div>`
      + `<span class="bar-value">0.00</span>`;
    outputs.append(row);
  }
}

// Rows of neurons wrap into lines of equal length (15 + 15, not 25 + 5).
export function balanceRows() {
  document.querySelectorAll(".neurons").forEach((row) => {
    row.style.maxWidth = "";
    const first = row.firstElementChild;
    if (!first) {
      return;
    }
    const gap = parseFloat(getComputedStyle(row).columnGap) || 0;
    const pitch = first.offsetWidth + gap;
    const perLine = Math.max(1, Math.floor((row.clientWidth + gap) / pitch));
    const lines = Math.ceil(row.children.length / perLine);
    row.style.maxWidth = `${Math.ceil(row.children.length / lines) * pitch - gap}px`;
  });
}
window.addEventListener("resize", balanceRows);

/** Shows a prediction: {digit, outputs, input, activations}. */
export function show(p) {
  paintPixels($("input"), p.input, grey);
  p.activations.slice(0, -1).forEach((values, i) => {
    document.querySelectorAll(`.neurons[data-layer="${i + 1}"] .neuron`).forEach((n, j) => {
      const g = grey(values[j])[0];
      n.style.background = `rgb(${g}, ${g}, ${g})`;
      n.title = `hidden layer ${i + 1}, neuron ${j}: activation ${values[j].toFixed(3)}`;
    });
  });
  document.querySelectorAll("#outputs .bar-row").forEach((row, d) => {
    const v = p.outputs[d];
    row.querySelector(".bar-fill").style.width = `${(100 * Math.min(1, Math.max(0, v))).toFixed(1)}%`;
    row.querySelector(".bar-value").textContent = v.toFixed(2);
    row.classList.toggle("best", d === p.digit);
  });
  $("digit").textContent = String(p.digit);
  $("confidence").textContent = `output ${p.outputs[p.digit].toFixed(2)}`;
}

export function showNothing() {
  paintPixels($("input"), new Array(784).fill(0), grey);
  document.querySelectorAll(".neuron").forEach((n) => { n.style.background = "#000"; });
  document.querySelectorAll("#outputs .bar-row").forEach((row) => {
    row.querySelector(".bar-fill").style.width = "0";
    row.querySelector(".bar-value").textContent = "0.00";
    row.classList.remove("best");
  });
  $("digit").textContent = "?";
  $("confidence").textContent = "draw to start";
}

// ---------- a neuron's incoming weights ----------

function redBlue(scale) {
  return (w) => {
    const t = Math.min(1, Math.abs(w) / scale);
    return w >= 0 ? [88 * t, 196 * t, 221 * t] : [252 * t, 98 * t, 85 * t];
  };
}

async function showWeights(neuron) {
  const layer = Number(neuron.dataset.layer);
  const index = Number(neuron.dataset.neuron);
  document.querySelectorAll(".neuron.chosen").forEach((n) => n.classList.remove("chosen"));
  neuron.classList.add("chosen");
  const key = `${layer}/${index}`;
  try {
    if (!weightCache.has(key)) {
      weightCache.set(key, await api(`/api/weights/${key}`));
    }
    const w = weightCache.get(key);
    const scale = Math.max(1e-12, ...w.weights.map(Math.abs));
    const from = layer === 1 ? "each of the 784 pixels" : `each neuron of hidden layer ${layer - 1}`;
    $("weights-caption").textContent = `Hidden layer ${layer}, neuron ${index}: the weight it gives ${from} `
      + `(largest |w| ${scale.toFixed(2)}), bias ${w.bias.toFixed(2)}.`;
    const picture = $("weights");
    const strip = $("weights-strip");
    if (w.weights.length === 784) {
      paintPixels(picture, w.weights, redBlue(scale));
      picture.hidden = false;
      strip.hidden = true;
    } else {
      const colour = redBlue(scale);
      strip.innerHTML = "";
      for (const v of w.weights) {
        const cell = document.createElement("span");
        const [r, g, b] = colour(v).map(Math.round);
        cell.style.background = `rgb(${r}, ${g}, ${b})`;
        cell.title = v.toFixed(3);
        strip.append(cell);
      }
      picture.hidden = true;
      strip.hidden = false;
    }
  } catch (e) {
    $("weights-caption").textContent = e.message;
  }
}
