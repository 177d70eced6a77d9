"""docgen: 基层党建亮点工作及存在问题 reports from YAML to Word, compiled into one volume."""

__version__ = "0.1.0"
