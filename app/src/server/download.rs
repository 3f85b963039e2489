//! Downloads written while they are read: a task owns a database connection and sends
//! the text a piece at a time, so memory stays flat however many rows there are. A
//! failure after the first byte ends the download early (logged), so a cut-off file is
//! never taken for a whole one.

use crate::error::AppError;
use futures::{SinkExt, StreamExt, channel::mpsc, stream::BoxStream};
use std::future::Future;

/// A download's text, a piece at a time; an error (already logged) ends it early.
pub type Chunks = BoxStream<'static, Result<String, std::io::Error>>;

/// Pieces are sent once they reach about this many bytes.
const CHUNK: usize = 32 * 1024;

/// Why a download stopped before its end.
pub enum Stop {
    /// Its reader went away.
    Gone,
    Failed(AppError),
}

impl From<AppError> for Stop {
    fn from(error: AppError) -> Self {
        Stop::Failed(error)
    }
}

impl From<sqlx::Error> for Stop {
    fn from(error: sqlx::Error) -> Self {
        Stop::Failed(error.into())
    }
}

/// Where a download's writer puts its text.
pub struct Out {
    tx: mpsc::Sender<Result<String, AppError>>,
    buffer: String,
}

impl Out {
    pub async fn push(&mut self, text: &str) -> Result<(), Stop> {
        self.buffer.push_str(text);
        if self.buffer.len() >= CHUNK {
            self.flush().await?;
        }
        Ok(())
    }

    async fn flush(&mut self) -> Result<(), Stop> {
        if self.buffer.is_empty() {
            return Ok(());
        }
        let piece = std::mem::replace(&mut self.buffer, String::with_capacity(CHUNK));
        self.tx.send(Ok(piece)).await.map_err(|_| Stop::Gone)
    }
}

/// Run `write` in its own task and read what it writes as a stream of pieces.
pub fn spawn<F, Fut>(write: F) -> Chunks
where
    F: FnOnce(Out) -> Fut + Send + 'static,
    Fut: Future<Output = (Out, Result<(), Stop>)> + Send,
{
    let (mut tx, rx) = mpsc::channel::<Result<String, AppError>>(4);
    let out = Out {
        tx: tx.clone(),
        buffer: String::with_capacity(CHUNK),
    };
    tokio::spawn(async move {
        let (mut out, written) = write(out).await;
        let written = match written {
            Ok(()) => out.flush().await,
            Err(stop) => Err(stop),
        };
        // A reader who went away needs nothing more.
        if let Err(Stop::Failed(error)) = written {
            let _ = tx.send(Err(error)).await;
        }
    });
    rx.map(|piece| piece.map_err(std::io::Error::other)).boxed()
}

/// One CSV record, every cell quoted, lines ended with CRLF. A cell a spreadsheet would
/// run as a formula (it starts with `=`, `+`, `-`, `@`, a tab or a carriage return) gets
/// a leading apostrophe, so text people typed is only ever shown.
pub fn csv_record<const N: usize>(cells: [&str; N]) -> Result<String, AppError> {
    fn cell(value: &str) -> String {
        if value.starts_with(['=', '+', '-', '@', '\t', '\r']) {
            format!("'{value}")
        } else {
            value.to_owned()
        }
    }
    let failed = |e: csv::Error| AppError::internal("writing a CSV download", e);
    let mut out = csv::WriterBuilder::new()
        .quote_style(csv::QuoteStyle::Always)
        .terminator(csv::Terminator::CRLF)
        .from_writer(Vec::new());
    out.write_record(cells.map(cell)).map_err(failed)?;
    let bytes = out
        .into_inner()
        .map_err(|e| AppError::internal("writing a CSV download", e))?;
    String::from_utf8(bytes).map_err(|e| AppError::internal("writing a CSV download", e))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_cells_that_a_spreadsheet_would_run_are_shown_as_text() {
        assert_eq!(
            csv_record(["=HYPERLINK(\"x\")", "plain", "-1"]).unwrap(),
            "\"'=HYPERLINK(\"\"x\"\")\",\"plain\",\"'-1\"\r\n"
        );
    }
}
