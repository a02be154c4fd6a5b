"""Reads a Keras file written by Axon with h5py only (no Keras, no TensorFlow) and runs the forward pass
in NumPy from the stored config and weights. stdin: {"path", "kind": "keras" | "h5", "inputs": [[rows]...]};
stdout: {"outputs": rows, "layers": ["Class:name", ...]}. Its conv2d, pool2d and activation are also
executed by pytorch.test.ts to check the PyTorch state dict."""
import io
import json
import sys
import zipfile

import h5py
import numpy as np


def activation(name, z):
    if name == "linear":
        return z
    if name == "sigmoid":
        return 1 / (1 + np.exp(-z))
    if name == "tanh":
        return np.tanh(z)
    if name == "relu":
        return np.maximum(z, 0)
    if name == "leaky_relu":
        return np.where(z >= 0, z, 0.01 * z)
    if name == "elu":
        return np.where(z > 0, z, np.expm1(np.minimum(z, 0)))
    if name == "softplus":
        return np.logaddexp(0, z)
    if name == "softmax":
        e = np.exp(z - z.max(axis=-1, keepdims=True))
        return e / e.sum(axis=-1, keepdims=True)
    raise ValueError("unknown activation " + name)


def conv2d(x, kernel, bias, stride, padding):
    """x: (n, h, w, c) NHWC; kernel: (kh, kw, c, f) as Keras stores it."""
    kh, kw, _, filters = kernel.shape
    n, h, w, _ = x.shape
    if padding == "same":
        oh, ow = -(-h // stride), -(-w // stride)
        ph = max((oh - 1) * stride + kh - h, 0)
        pw = max((ow - 1) * stride + kw - w, 0)
        x = np.pad(x, ((0, 0), (ph // 2, ph - ph // 2), (pw // 2, pw - pw // 2), (0, 0)))
    else:
        oh, ow = (h - kh) // stride + 1, (w - kw) // stride + 1
    out = np.zeros((n, oh, ow, filters), dtype=np.float64)
    for i in range(kh):
        for j in range(kw):
            patch = x[:, i : i + stride * (oh - 1) + 1 : stride, j : j + stride * (ow - 1) + 1 : stride, :]
            out += patch @ kernel[i, j]
    return out + bias


def pool2d(x, size, stride, mode):
    n, h, w, c = x.shape
    oh, ow = (h - size) // stride + 1, (w - size) // stride + 1
    windows = [x[:, i : i + stride * (oh - 1) + 1 : stride, j : j + stride * (ow - 1) + 1 : stride, :] for i in range(size) for j in range(size)]
    stack = np.stack(windows)
    return stack.max(axis=0) if mode == "max" else stack.mean(axis=0)


def keras3_parents(layer):
    """A layer is called on one tensor, or (Concatenate) on one list of tensors."""
    if not layer["inbound_nodes"]:
        return []
    first = layer["inbound_nodes"][0]["args"][0]
    tensors = first if isinstance(first, list) else [first]
    return [t["config"]["keras_history"][0] for t in tensors]


def load(path, kind):
    """Returns (layers, weights by layer name) from either dialect."""
    weights = {}
    if kind == "keras":
        with zipfile.ZipFile(path) as archive:
            names = set(archive.namelist())
            assert {"config.json", "model.weights.h5", "metadata.json"} <= names, names
            config = json.loads(archive.read("config.json"))
            assert config["class_name"] == "Functional"
            with h5py.File(io.BytesIO(archive.read("model.weights.h5")), "r") as f:
                for layer in config["config"]["layers"]:
                    group = f["layers"][layer["name"]]["vars"]
                    weights[layer["name"]] = [np.array(group[str(i)], dtype=np.float64) for i in range(len(group))]
        layers = config["config"]["layers"]
        parents = {l["name"]: keras3_parents(l) for l in layers}
        outputs = config["config"]["output_layers"]
    else:
        with h5py.File(path, "r") as f:
            config = json.loads(f.attrs["model_config"])
            root = f["model_weights"]
            for name in root.attrs["layer_names"]:
                name = name.decode() if isinstance(name, bytes) else name
                group = root[name]
                names = [n.decode() if isinstance(n, bytes) else n for n in group.attrs.get("weight_names", [])]
                weights[name] = [np.array(group[n], dtype=np.float64) for n in names]
        layers = config["config"]["layers"]
        parents = {l["name"]: [t[0] for t in l["inbound_nodes"][0]] if l["inbound_nodes"] else [] for l in layers}
        outputs = config["config"]["output_layers"]
    return layers, parents, weights, outputs, config["config"]["input_layers"]


def forward(path, kind, inputs):
    layers, parents, weights, outputs, input_layers = load(path, kind)
    values = {}
    for (name, _, _), x in zip(input_layers, inputs):
        values[name] = np.array(x, dtype=np.float64)
    for layer in layers:
        name, cls, cfg = layer["name"], layer["class_name"], layer["config"]
        if cls == "InputLayer":
            shape = cfg.get("batch_shape") or cfg.get("batch_input_shape")
            values[name] = values[name].reshape([-1] + shape[1:])
            continue
        xs = [values[p] for p in parents[name]]
        w = weights.get(name, [])
        if cls == "Concatenate":
            y = np.concatenate(xs, axis=-1)
        elif cls == "Dense":
            y = activation(cfg["activation"], xs[0] @ w[0] + w[1])
        elif cls == "Conv2D":
            stride = cfg["strides"][0]
            y = activation(cfg["activation"], conv2d(xs[0], w[0], w[1], stride, cfg["padding"]))
        elif cls in ("MaxPooling2D", "AveragePooling2D"):
            y = pool2d(xs[0], cfg["pool_size"][0], cfg["strides"][0], "max" if cls == "MaxPooling2D" else "avg")
        elif cls == "Flatten":
            y = xs[0].reshape(xs[0].shape[0], -1)
        elif cls == "PReLU":
            y = np.maximum(xs[0], 0) + w[0] * np.minimum(xs[0], 0)
        elif cls == "LeakyReLU":
            slope = cfg.get("negative_slope", cfg.get("alpha"))
            y = np.where(xs[0] >= 0, xs[0], slope * xs[0])
        elif cls == "Dropout":
            y = xs[0]
        else:
            raise ValueError("layer %s is %s, which this reader does not know" % (name, cls))
        values[name] = y
    (out_name, _, _), = outputs
    return values[out_name].reshape(values[out_name].shape[0], -1), ["%s:%s" % (l["class_name"], l["name"]) for l in layers]


if __name__ == "__main__":
    request = json.load(sys.stdin)
    out, names = forward(request["path"], request["kind"], request["inputs"])
    json.dump({"outputs": out.tolist(), "layers": names}, sys.stdout)
