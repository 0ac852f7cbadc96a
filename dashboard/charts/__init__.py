"""Figure builders: tidy frames in, plotly figures out, one theme, labels from i18n."""
