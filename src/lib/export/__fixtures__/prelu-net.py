# A Keras model of the network drawn in Axon, with its trained weights.
# Runs with TensorFlow 2.16 or later (Keras 3):  pip install tensorflow
import numpy as np
import tensorflow as tf
import keras
from keras import layers, regularizers

# Inputs: one keras.Input per input node; make_inputs() computes the features from the raw columns.
inputs = keras.Input(shape=(3,), name="inputs")  # x1, x2, sin(x1)


def make_inputs(raw):
    """raw: an array of shape (n, 2) with the columns x1, x2. Returns what model.predict takes."""
    raw = np.asarray(raw, dtype="float32")
    return np.stack([raw[:, 0], raw[:, 1], np.sin(raw[:, 0])], axis=1).astype("float32")


# Layers, in the order the data flows. Kernels are [inputs, units].
hidden_1 = layers.Dense(3, name="hidden_1")(inputs)
hidden_1 = layers.PReLU(name="hidden_1_prelu")(hidden_1)
hidden_1 = layers.Dropout(0.2, name="hidden_1_dropout")(hidden_1)
hidden_2 = layers.Dense(2, activation="elu", name="hidden_2")(hidden_1)
class_ = layers.Dense(3, activation="softmax", name="class_")(hidden_2)

model = keras.Model(inputs=inputs, outputs=class_, name="axon")

# The weights trained in the playground. With several parents, kernel rows follow the Concatenate order.
model.get_layer("hidden_1").set_weights([
    np.array([
        [-1.0, 0.25, -0.75],
        [0.5, -0.5, 0.75],
        [-0.25, 1.0, 0.0],
    ], dtype="float32"),
    np.array([-1.0, 0.25, -0.75], dtype="float32"),
])
model.get_layer("hidden_1_prelu").set_weights([np.array([0.5, -0.5, 0.75], dtype="float32")])
model.get_layer("hidden_2").set_weights([
    np.array([
        [-0.25, 1.0],
        [0.0, -1.0],
        [0.25, -0.75],
    ], dtype="float32"),
    np.array([0.5, -0.5], dtype="float32"),
])
model.get_layer("class_").set_weights([
    np.array([
        [0.75, -0.25, 1.0],
        [0.0, -1.0, 0.25],
    ], dtype="float32"),
    np.array([-0.75, 0.5, -0.5], dtype="float32"),
])

model.compile(optimizer=keras.optimizers.RMSprop(learning_rate=0.001, rho=0.9, epsilon=1e-7), loss="sparse_categorical_crossentropy", metrics=["accuracy"])
model.summary()  # 32 parameters, as in the playground

# Try it:  model.predict(make_inputs([[0.5, -1.0]]))
