# A Keras model of the network drawn in Axon, with its trained weights.
# Runs with TensorFlow 2.16 or later (Keras 3):  pip install tensorflow
import numpy as np
import tensorflow as tf
import keras
from keras import layers, regularizers

# Inputs: one keras.Input per input node; make_inputs() computes the features from the raw columns.
image = keras.Input(shape=(9, 9, 2), name="image")  # images of 9×9 pixels, 2 channel(s), from the first 162 columns


def make_inputs(raw):
    """raw: an array of shape (n, 162) with the columns p0, p1, p2, …, p161. Returns what model.predict takes."""
    raw = np.asarray(raw, dtype="float32")
    return raw[:, 0:162].reshape(-1, 9, 9, 2).astype("float32")


# Layers, in the order the data flows. Kernels are [inputs, units].
conv_1 = layers.Conv2D(4, 3, strides=1, padding="same", activation="relu", name="conv_1")(image)
pool_1 = layers.MaxPooling2D(pool_size=2, strides=2, name="pool_1")(conv_1)
conv_2 = layers.Conv2D(3, 2, strides=1, padding="same", activation="tanh", name="conv_2")(pool_1)
pool_2 = layers.AveragePooling2D(pool_size=2, strides=1, name="pool_2")(conv_2)
flat = layers.Flatten(name="flat")(pool_2)
dense = layers.Dense(5, activation="elu", name="dense")(flat)
digit = layers.Dense(3, activation="softmax", name="digit")(dense)

model = keras.Model(inputs=image, outputs=digit, name="axon")

# The weights trained in the playground. With several parents, kernel rows follow the Concatenate order.
model.get_layer("conv_1").set_weights([
    np.array([
        [-1.0, 0.25, -0.75, 0.5],
        [-0.5, 0.75, -0.25, 1.0],
        [0.0, -1.0, 0.25, -0.75],
        [0.5, -0.5, 0.75, -0.25],
        [1.0, 0.0, -1.0, 0.25],
        [-0.75, 0.5, -0.5, 0.75],
        [-0.25, 1.0, 0.0, -1.0],
        [0.25, -0.75, 0.5, -0.5],
        [0.75, -0.25, 1.0, 0.0],
        [-1.0, 0.25, -0.75, 0.5],
        [-0.5, 0.75, -0.25, 1.0],
        [0.0, -1.0, 0.25, -0.75],
        [0.5, -0.5, 0.75, -0.25],
        [1.0, 0.0, -1.0, 0.25],
        [-0.75, 0.5, -0.5, 0.75],
        [-0.25, 1.0, 0.0, -1.0],
        [0.25, -0.75, 0.5, -0.5],
        [0.75, -0.25, 1.0, 0.0],
    ], dtype="float32").reshape(3, 3, 2, 4),
    np.array([-1.0, 0.25, -0.75, 0.5], dtype="float32"),
])
model.get_layer("conv_2").set_weights([
    np.array([
        [-0.5, 0.75, -0.25],
        [1.0, 0.0, -1.0],
        [0.25, -0.75, 0.5],
        [-0.5, 0.75, -0.25],
        [1.0, 0.0, -1.0],
        [0.25, -0.75, 0.5],
        [-0.5, 0.75, -0.25],
        [1.0, 0.0, -1.0],
        [0.25, -0.75, 0.5],
        [-0.5, 0.75, -0.25],
        [1.0, 0.0, -1.0],
        [0.25, -0.75, 0.5],
        [-0.5, 0.75, -0.25],
        [1.0, 0.0, -1.0],
        [0.25, -0.75, 0.5],
        [-0.5, 0.75, -0.25],
    ], dtype="float32").reshape(2, 2, 4, 3),
    np.array([1.0, 0.0, -1.0], dtype="float32"),
])
model.get_layer("dense").set_weights([
    np.array([
        [0.25, -0.75, 0.5, -0.5, 0.75],
        [-0.25, 1.0, 0.0, -1.0, 0.25],
        [-0.75, 0.5, -0.5, 0.75, -0.25],
        [1.0, 0.0, -1.0, 0.25, -0.75],
        [0.5, -0.5, 0.75, -0.25, 1.0],
        [0.0, -1.0, 0.25, -0.75, 0.5],
        [-0.5, 0.75, -0.25, 1.0, 0.0],
        [-1.0, 0.25, -0.75, 0.5, -0.5],
        [0.75, -0.25, 1.0, 0.0, -1.0],
        [0.25, -0.75, 0.5, -0.5, 0.75],
        [-0.25, 1.0, 0.0, -1.0, 0.25],
        [-0.75, 0.5, -0.5, 0.75, -0.25],
        [1.0, 0.0, -1.0, 0.25, -0.75],
        [0.5, -0.5, 0.75, -0.25, 1.0],
        [0.0, -1.0, 0.25, -0.75, 0.5],
        [-0.5, 0.75, -0.25, 1.0, 0.0],
        [-1.0, 0.25, -0.75, 0.5, -0.5],
        [0.75, -0.25, 1.0, 0.0, -1.0],
        [0.25, -0.75, 0.5, -0.5, 0.75],
        [-0.25, 1.0, 0.0, -1.0, 0.25],
        [-0.75, 0.5, -0.5, 0.75, -0.25],
        [1.0, 0.0, -1.0, 0.25, -0.75],
        [0.5, -0.5, 0.75, -0.25, 1.0],
        [0.0, -1.0, 0.25, -0.75, 0.5],
        [-0.5, 0.75, -0.25, 1.0, 0.0],
        [-1.0, 0.25, -0.75, 0.5, -0.5],
        [0.75, -0.25, 1.0, 0.0, -1.0],
    ], dtype="float32"),
    np.array([0.25, -0.75, 0.5, -0.5, 0.75], dtype="float32"),
])
model.get_layer("digit").set_weights([
    np.array([
        [-0.25, 1.0, 0.0],
        [-1.0, 0.25, -0.75],
        [0.5, -0.5, 0.75],
        [-0.25, 1.0, 0.0],
        [-1.0, 0.25, -0.75],
    ], dtype="float32"),
    np.array([0.5, -0.5, 0.75], dtype="float32"),
])

model.compile(optimizer=keras.optimizers.Adam(learning_rate=0.01, beta_1=0.9, beta_2=0.999, epsilon=1e-7), loss="categorical_crossentropy", metrics=["accuracy"])
model.summary()  # 285 parameters, as in the playground

# Try it:  model.predict(make_inputs(np.zeros((1, 162))))
