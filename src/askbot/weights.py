"""Learned weights of the answer stage (never hand-edited: rerun the trainers).

WEIGHTS: the sentence ranker, one a feature of features.NAMES, by
bench/train_ranker.py (listwise softmax over the sentences of the top-5
passages; squad11_tune + squad2_tune answerable questions).

CONFIDENCE_WEIGHTS: a logistic model over answer.CONFIDENCE_NAMES (last: the
intercept), by bench/train_confidence.py (answerable vs unanswerable,
squad2_tune).
"""

WEIGHTS = (
    1.7871, 1.1812, 2.8402, 0.1969, 2.2649, 0.5816, 1.6379, 0.0348, 2.5269,
    2.1635, 0.1230, 0.0893, 0.1870, 0.3326, 0.7289, 1.8650, -0.4564, 0.0602,
)

CONFIDENCE_WEIGHTS = (
    1.0143, -0.0991, -0.6083, 0.1802, 0.4008, 0.3567, -3.3421, -0.2427, -0.2886,
    -0.4728, -1.3870, -2.2037, -1.0116, -0.8782, 0.0748, 1.3952, -0.6175, -0.0623,
)
