"""Writes Keras model files the way Keras itself lays them out (Keras 2.13 legacy .h5: a Sequential with an
implicit input, Custom>Adam; Keras 3 .keras: a Sequential conv net with module/registered_name records and
layers/<name>/vars/<i> weights), with h5py and NumPy only, and predicts with them in NumPy (float32).
stdin: {"dir", "inputs_dense": rows, "inputs_conv": rows}; stdout: {"dense": rows, "conv": rows}."""
import io
import json
import sys
import zipfile

import h5py
import numpy as np

request = json.load(sys.stdin)
rng = np.random.default_rng(7)
f32 = np.float32


def weights(*shape):
    return rng.uniform(-1, 1, size=shape).astype(f32)


def softmax(z):
    e = np.exp(z - z.max(axis=-1, keepdims=True))
    return e / e.sum(axis=-1, keepdims=True)


def initializer(name, module=False):
    record = {"class_name": name, "config": {}}
    return {"module": "keras.initializers", **record, "registered_name": None} if module else record


# ---- Keras 2 legacy .h5: Sequential(Dense 8 relu, Dropout, Dense 3 softmax) on 4 inputs ----
k1, b1, k2, b2 = weights(4, 8), weights(8), weights(8, 3), weights(3)


def dense_config(name, units, activation, extra=None):
    config = {
        "name": name, "trainable": True, "dtype": "float32", "units": units, "activation": activation,
        "use_bias": True, "kernel_initializer": {"class_name": "GlorotUniform", "config": {"seed": None}},
        "bias_initializer": initializer("Zeros"), "kernel_regularizer": None, "bias_regularizer": None,
        "activity_regularizer": None, "kernel_constraint": None, "bias_constraint": None,
    }
    config.update(extra or {})
    return config


model_config = {
    "class_name": "Sequential",
    "config": {
        "name": "sequential",
        "layers": [
            {"class_name": "InputLayer", "config": {"batch_input_shape": [None, 4], "dtype": "float32", "sparse": False, "ragged": False, "name": "dense_input"}},
            {"class_name": "Dense", "config": dense_config("dense", 8, "relu", {"batch_input_shape": [None, 4]})},
            {"class_name": "Dropout", "config": {"name": "dropout", "trainable": True, "dtype": "float32", "rate": 0.3, "noise_shape": None, "seed": None}},
            {"class_name": "Dense", "config": dense_config("dense_1", 3, "softmax")},
        ],
    },
}
training_config = {
    "loss": "categorical_crossentropy", "metrics": [["accuracy"]], "weighted_metrics": None, "loss_weights": None,
    "optimizer_config": {"class_name": "Custom>Adam", "config": {"name": "Adam", "weight_decay": None, "clipnorm": None,
        "learning_rate": 0.0020000000949949026, "beta_1": 0.9, "beta_2": 0.999, "epsilon": 1e-07, "amsgrad": False},
        "is_legacy_optimizer": False},
}
with h5py.File(request["dir"] + "/keras2.h5", "w") as f:
    f.attrs["keras_version"] = "2.13.1"
    f.attrs["backend"] = "tensorflow"
    f.attrs["model_config"] = json.dumps(model_config)
    f.attrs["training_config"] = json.dumps(training_config)
    root = f.create_group("model_weights")
    root.attrs["layer_names"] = np.array([b"dense", b"dropout", b"dense_1"])
    root.attrs["backend"] = b"tensorflow"
    root.attrs["keras_version"] = b"2.13.1"
    for name, tensors in (("dense", (k1, b1)), ("dropout", ()), ("dense_1", (k2, b2))):
        group = root.create_group(name)
        names = [f"{name}/{w}:0".encode() for w in ("kernel", "bias")[: len(tensors)]]
        group.attrs["weight_names"] = np.array(names) if names else np.zeros((0,), dtype="S1")
        for wname, value in zip(names, tensors):
            group.create_dataset(wname.decode(), data=value)
    f.create_group("optimizer_weights").create_dataset("Adam/iter:0", data=np.int64(12))

x = np.array(request["inputs_dense"], dtype=f32)
dense_out = softmax(np.maximum(x @ k1 + b1, 0) @ k2 + b2)

# ---- Keras 3 .keras: Sequential(Conv2D 2×3×3 relu valid, MaxPooling2D 2, Flatten, Dense 2 softmax) on 6×6×1 ----
ck, cb, dk, db = weights(3, 3, 1, 2), weights(2), weights(8, 2), weights(2)


def layer(class_name, name, config, build=None):
    record = {"module": "keras.layers", "class_name": class_name, "config": {"name": name, "trainable": True,
        "dtype": {"module": "keras", "class_name": "DTypePolicy", "config": {"name": "float32"}, "registered_name": None}, **config},
        "registered_name": None}
    if build is not None:
        record["build_config"] = {"input_shape": build}
    return record


config = {
    "module": "keras", "class_name": "Sequential", "registered_name": None,
    "config": {"name": "sequential", "trainable": True, "dtype": None, "layers": [
        {"module": "keras.layers", "class_name": "InputLayer", "config": {"batch_shape": [None, 6, 6, 1], "dtype": "float32", "sparse": False, "name": "input_layer"}, "registered_name": None},
        layer("Conv2D", "conv2d", {"filters": 2, "kernel_size": [3, 3], "strides": [1, 1], "padding": "valid", "data_format": "channels_last",
            "dilation_rate": [1, 1], "groups": 1, "activation": "relu", "use_bias": True, "kernel_initializer": initializer("GlorotUniform", True),
            "bias_initializer": initializer("Zeros", True), "kernel_regularizer": None, "bias_regularizer": None, "activity_regularizer": None,
            "kernel_constraint": None, "bias_constraint": None}, [None, 6, 6, 1]),
        layer("MaxPooling2D", "max_pooling2d", {"pool_size": [2, 2], "padding": "valid", "strides": [2, 2], "data_format": "channels_last"}, [None, 4, 4, 2]),
        layer("Flatten", "flatten", {"data_format": "channels_last"}, [None, 2, 2, 2]),
        layer("Dense", "dense", {"units": 2, "activation": "softmax", "use_bias": True, "kernel_initializer": initializer("GlorotUniform", True),
            "bias_initializer": initializer("Zeros", True), "kernel_regularizer": None, "bias_regularizer": None, "kernel_constraint": None,
            "bias_constraint": None}, [None, 8]),
    ], "build_input_shape": [None, 6, 6, 1]},
    "build_config": {"input_shape": [None, 6, 6, 1]},
    "compile_config": {"optimizer": {"module": "keras.optimizers", "class_name": "SGD", "config": {"name": "SGD", "learning_rate": 0.05,
        "momentum": 0.9, "nesterov": True}, "registered_name": None}, "loss": "sparse_categorical_crossentropy", "metrics": ["accuracy"]},
}
weights_file = io.BytesIO()
with h5py.File(weights_file, "w") as f:
    layers = f.create_group("layers")
    for name, tensors in (("conv2d", (ck, cb)), ("max_pooling2d", ()), ("flatten", ()), ("dense", (dk, db))):
        vars_group = layers.create_group(name).create_group("vars")
        for i, value in enumerate(tensors):
            vars_group.create_dataset(str(i), data=value)
    f.create_group("vars")
    f.create_group("optimizer").create_group("vars").create_dataset("0", data=np.int64(3))
with zipfile.ZipFile(request["dir"] + "/keras3.keras", "w") as z:
    z.writestr("metadata.json", json.dumps({"keras_version": "3.6.0", "date_saved": "2024-10-01@12:00:00"}))
    z.writestr("config.json", json.dumps(config))
    z.writestr("model.weights.h5", weights_file.getvalue())

images = np.array(request["inputs_conv"], dtype=f32).reshape(-1, 6, 6, 1)
conv = np.zeros((len(images), 4, 4, 2), dtype=f32)
for y in range(4):
    for x_ in range(4):
        patch = images[:, y : y + 3, x_ : x_ + 3, :]
        conv[:, y, x_, :] = np.tensordot(patch, ck, axes=([1, 2, 3], [0, 1, 2])) + cb
conv = np.maximum(conv, 0)
pooled = conv.reshape(len(images), 2, 2, 2, 2, 2).max(axis=(2, 4))
conv_out = softmax(pooled.reshape(len(images), -1) @ dk + db)

print(json.dumps({"dense": dense_out.tolist(), "conv": conv_out.tolist()}))
