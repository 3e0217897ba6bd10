"""What the settings decide: the mode per endpoint, the host kept in records, the key kept secret."""

from __future__ import annotations

from pydantic import SecretStr

from extractor.settings import InstructorMode, LLMSettings


def test_openai_gets_tools_and_other_servers_get_json_mode() -> None:
    assert LLMSettings(api_key=SecretStr("k")).effective_mode is InstructorMode.tools
    assert LLMSettings(base_url="http://127.0.0.1:11434/v1").effective_mode is InstructorMode.json


def test_mode_can_be_overridden() -> None:
    settings = LLMSettings(base_url="http://localhost:1234/v1", mode=InstructorMode.json_schema)
    assert settings.effective_mode is InstructorMode.json_schema


def test_endpoint_host_drops_credentials_path_and_port() -> None:
    """A base URL may embed a user:token; only the host name is ever stored."""
    settings = LLMSettings(base_url="https://user:tok3n@llm.example.org:8443/v1?key=abc")
    assert settings.endpoint_host == "llm.example.org"
    assert LLMSettings(api_key=SecretStr("k")).endpoint_host == "api.openai.com"


def test_key_never_shows_in_repr() -> None:
    settings = LLMSettings(api_key=SecretStr("sk-secret-value"))
    assert "sk-secret-value" not in repr(settings)
    assert settings.key_for_client() == "sk-secret-value"


def test_configured_means_a_key_or_a_server() -> None:
    assert not LLMSettings().configured
    assert LLMSettings(api_key=SecretStr("k")).configured
    assert LLMSettings(base_url="http://127.0.0.1:8080/v1").configured


def test_timeout_defaults_by_endpoint_and_can_be_set() -> None:
    """A CPU-served local model needs minutes; OpenAI does not."""
    assert LLMSettings(api_key=SecretStr("k")).effective_timeout_s == 120.0
    assert LLMSettings(base_url="http://127.0.0.1:8080/v1").effective_timeout_s == 900.0
    assert LLMSettings(base_url="http://127.0.0.1:8080/v1", timeout_s=30).effective_timeout_s == 30
