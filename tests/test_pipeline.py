"""The pipeline runner and its options: stage contracts, quarantine, layered configuration."""

from __future__ import annotations

import pytest

from newsevents.config import load_options
from newsevents.errors import ConfigError, PipelineError
from newsevents.model import Article
from newsevents.pipeline import Pipeline, Quarantined
from newsevents.registry import check_contract, get_stage


def test_stage_order_missing_an_input_is_refused_naming_both():
    with pytest.raises(PipelineError) as info:
        check_contract(["clean", "events", "parse"])
    assert "events" in str(info.value) and "parse" in str(info.value)


def test_unknown_stage_is_refused_with_the_known_names():
    with pytest.raises(PipelineError) as info:
        get_stage("sentiment")
    assert "sentiment" in str(info.value) and "actors" in str(info.value)


def test_default_stages_follow_the_data_flow():
    specs = check_contract(load_options().stages)
    assert [s.name for s in specs] == ["clean", "parse", "actors", "events", "status", "attribution", "time",
                                       "place"]
    assert all(s.version.startswith("newsevents.") for s in specs)


def test_bad_article_is_quarantined_and_the_rest_goes_through():
    pipe = Pipeline(load_options().replace(stages=("clean", "parse"), max_chars=200))
    good = Article.from_text("Putin invited Xi to Moscow.", published="2023-03-17")
    long = Article.from_text("Words. " * 100, published="2023-03-17")
    results = list(pipe.run([good, long, good]))
    assert [type(r).__name__ for r in results] == ["Document", "Quarantined", "Document"]
    assert isinstance(results[1], Quarantined) and "max_chars" in results[1].reason


def test_options_layer_file_then_environment_then_flags(tmp_path, monkeypatch):
    user = tmp_path / "config.toml"
    user.write_text('batch_size = 8\nstore = "from-file"\n', encoding="utf-8")
    assert load_options(config_file=user).batch_size == 8
    monkeypatch.setenv("NEWSEVENTS_BATCH_SIZE", "4")
    opts = load_options(config_file=user)
    assert (opts.batch_size, opts.store) == (4, "from-file")
    assert load_options(config_file=user, batch_size=2).batch_size == 2


def test_bad_option_value_names_the_option(tmp_path):
    user = tmp_path / "config.toml"
    user.write_text('batch_size = "many"\n', encoding="utf-8")
    with pytest.raises(ConfigError) as info:
        load_options(config_file=user)
    assert "batch_size" in str(info.value) and str(user) in str(info.value)


def test_missing_model_is_a_clear_config_error():
    with pytest.raises(ConfigError) as info:
        Pipeline(load_options().replace(model="xx_no_such_model", stages=("clean", "parse")))
    assert "xx_no_such_model" in str(info.value)
