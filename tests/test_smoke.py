import askbot


def test_public_api_names():
    for name in ["Corpus", "Retriever", "ask", "tokenize", "AskbotError", "Answer", "Hit"]:
        assert name in askbot.__all__
